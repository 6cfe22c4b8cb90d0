/** Longer URLs are not a file anyone uploaded. */
const MAX_URL_LENGTH = 2048;

/**
 * A media URL as an absolute http(s) URL without query or fragment:
 * `/uploads/x.png` joins the CMS origin, `//host/x.png` gets `https:`,
 * anything else that is not http(s) (`javascript:`, `data:`, a bare path) is refused.
 */
export function absoluteMediaUrl(url: string, cmsOrigin: string): string | undefined {
  const trimmed = url.trim();
  if (trimmed.length > MAX_URL_LENGTH) return undefined;
  let resolved: URL;
  try {
    if (trimmed.startsWith('//')) resolved = new URL(`https:${trimmed}`);
    else if (trimmed.startsWith('/')) resolved = new URL(trimmed, cmsOrigin);
    else resolved = new URL(trimmed);
  } catch {
    return undefined;
  }
  if (resolved.protocol !== 'https:' && resolved.protocol !== 'http:') return undefined;
  resolved.search = '';
  resolved.hash = '';
  resolved.username = '';
  resolved.password = '';
  return withAttributeSafeCharacters(resolved.href);
}

/**
 * A URL with the characters that could end or break an HTML attribute it is
 * written into percent-encoded (as UTF-8): quotes, angle brackets, backticks
 * and white space. A parsed URL can still hold some (`'` in a path, `"` in a host).
 */
export function withAttributeSafeCharacters(url: string): string {
  return url.replace(/[\s"'<>`]/gu, (character) => (character === "'" ? '%27' : encodeURIComponent(character)));
}
