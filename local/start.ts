import { ROUTES, routeKeys } from '../lib/routes';
import { SAMPLE_SLUGS } from './content-server';
import { startLocalApi } from './local-api';

/**
 * `npm start`: the whole API on http://localhost:3000 (PORT), on the
 * embedded content server unless CMS_URL and CMS_TOKEN name a real Strapi.
 */
async function main(): Promise<void> {
  const { PORT, CMS_URL, CMS_TOKEN, SITE_URL } = process.env;
  if (CMS_URL && !CMS_TOKEN) throw new Error('CMS_URL is set, so CMS_TOKEN must be too: the API token of that Strapi.');
  const api = await startLocalApi({
    port: Number(PORT ?? 3000),
    cms: CMS_URL && CMS_TOKEN ? { url: CMS_URL, token: CMS_TOKEN } : undefined,
    config: SITE_URL ? { siteUrl: SITE_URL.replace(/\/+$/, '') } : {},
  });
  const url = api.url.replace('127.0.0.1', 'localhost');
  console.log(
    [
      `Marchcroft API on ${url} (stage config: ${api.config.stage})`,
      `CMS: ${api.contentServer ? `embedded content server at ${api.config.cmsUrl}` : api.config.cmsUrl}`,
      '',
      'Routes:',
      ...ROUTES.flatMap((route) => routeKeys(route).map((key) => `  ${key.padEnd(36)} ${route.description}`)),
      '',
      'Try:',
      `  curl ${url}/health`,
      `  curl ${url}/share/casestudies/${SAMPLE_SLUGS.normal}`,
      '',
      'Ctrl-C stops it.',
    ].join('\n'),
  );
  const stop = () => {
    void api.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
