import { requireEnv } from '../../shared/env';
import { contentHandler } from '../content-handler';
import { MAX_SITEMAP_URLS, renderSitemap } from '../sitemap';

const siteUrl = requireEnv('SITE_URL');

/** `GET /sitemap.xml`: the site's pages, every case study and service included. */
export const handler = contentHandler({
  answer: async (library) => ({ document: await library.listings(MAX_SITEMAP_URLS) }),
  represent: (listings) => ({ contentType: 'application/xml; charset=utf-8', body: renderSitemap(siteUrl, listings) }),
});
