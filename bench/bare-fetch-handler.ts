/**
 * A second baseline: a handler that only makes one HTTP call with Node's own
 * `fetch` (which ky wraps). What it costs over the bare handler is Node
 * loading its HTTP client (undici) on first use, which any route that calls
 * the CMS pays.
 */
const cmsUrl = process.env.CMS_URL;

export const handler = async () => {
  const response = await fetch(`${cmsUrl}/api/blogs`);
  await response.arrayBuffer();
  return { statusCode: 200 };
};
