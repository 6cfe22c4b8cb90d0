import { escapeUTF8 } from 'entities';
import * as v from 'valibot';
import { caseStudyPageUrl, servicePageUrl, STATIC_SITE_PATHS } from '../shared/site-pages';
import { slugSchema } from '../shared/slug';
import type { Listing } from './content-library';

/** The sitemaps.org protocol's limit of URLs in one sitemap file. */
export const MAX_SITEMAP_URLS = 50_000;
/** Lambda's 6 MB response limit, with room to spare (the protocol's own is 50 MB). */
export const MAX_SITEMAP_BYTES = 5 * 1024 * 1024;

const SITEMAP_NAMESPACE = 'http://www.sitemaps.org/schemas/sitemap/0.9';

interface SitemapUrl {
  readonly loc: string;
  readonly lastmod?: string;
}

/**
 * The site's sitemap (sitemaps.org 0.9): its static pages, then every case
 * study and service page with `lastmod` from the entry's `updatedAt`. Never
 * more than {@link MAX_SITEMAP_URLS} URLs or {@link MAX_SITEMAP_BYTES}: past
 * that, entries are left out.
 */
export function renderSitemap(siteUrl: string, listings: { readonly caseStudies: readonly Listing[]; readonly services: readonly Listing[] }): string {
  // Only slugs this API serves (the site's pages ask it for theirs): another has no page to list, and is left out alone.
  const pages = (listed: readonly Listing[], url: (siteUrl: string, slug: string) => string) =>
    listed.filter(({ slug }) => v.is(slugSchema, slug)).map((listing) => ({ loc: url(siteUrl, listing.slug), lastmod: w3cDatetime(listing.updatedAt) }));
  const urls: SitemapUrl[] = [
    ...STATIC_SITE_PATHS.map((path) => ({ loc: path === '/' ? `${siteUrl}/` : `${siteUrl}${path}` })),
    ...pages(listings.caseStudies, caseStudyPageUrl),
    ...pages(listings.services, servicePageUrl),
  ].slice(0, MAX_SITEMAP_URLS);
  const head = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${SITEMAP_NAMESPACE}">\n`;
  const tail = '</urlset>\n';
  const entries: string[] = [];
  let bytes = head.length + tail.length;
  for (const { loc, lastmod } of urls) {
    const entry = `<url><loc>${escapeUTF8(loc)}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</url>\n`;
    // URLs are ASCII (percent-encoded), so characters are bytes.
    bytes += entry.length;
    if (bytes > MAX_SITEMAP_BYTES) break;
    entries.push(entry);
  }
  return `${head}${entries.join('')}${tail}`;
}

/** An ISO 8601 date or date and time, as Strapi writes `updatedAt`: four-digit year, month, day, then optionally a time. */
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** A timestamp as a W3C datetime (`2025-11-18T09:30:00.000Z`); undefined when it is not one. */
function w3cDatetime(timestamp: string | undefined): string | undefined {
  if (!timestamp || !ISO_TIMESTAMP.test(timestamp)) return undefined;
  const [year, month, day] = timestamp.slice(0, 10).split('-').map(Number) as [number, number, number];
  // Not a day of the calendar (`2025-02-30`), which Date would roll over into March.
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return undefined;
  const time = Date.parse(timestamp);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
