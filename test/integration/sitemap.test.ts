import { DOMParser, type Element } from '@xmldom/xmldom';
import { SAMPLE_CONTENT, SAMPLE_DRAFT_SLUG, SAMPLE_SLUGS, type ContentSet, type ContentType, type Entry } from '../../local/content-server';
import type { LocalApi } from '../../local/local-api';
import { STATIC_SITE_PATHS } from '../../lambda/shared/site-pages';
import { cmsCalls, cmsGet, SITE_URL, startQuietLocalApi } from '../support/local-api';

/** GET /sitemap.xml over real HTTP, checked against the sitemaps.org protocol (0.9) and the CMS's own content. */

const SITEMAP_NAMESPACE = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const ELEMENT_NODE = 1;
/** W3C Datetime (https://www.w3.org/TR/NOTE-datetime), the format sitemaps.org requires of lastmod. */
const W3C_DATETIME = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;

interface SitemapUrl {
  readonly loc: string;
  readonly lastmod?: string;
}

/** Parses XML, failing on any warning or error, as a strict crawler would. */
function parseXml(text: string) {
  return new DOMParser({
    onError: (level, message) => {
      throw new Error(`${level}: ${message}`);
    },
  }).parseFromString(text, 'application/xml');
}

const childElements = (element: Element): Element[] => Array.from(element.childNodes).filter((node) => node.nodeType === ELEMENT_NODE) as Element[];

/**
 * A sitemap's URLs, checking its structure on the way: a `urlset` root in the
 * sitemaps.org namespace, only `url` children, each with exactly one `loc`, at
 * most one `lastmod`, and nothing but the protocol's elements.
 */
function readSitemap(text: string): SitemapUrl[] {
  const root = parseXml(text).documentElement!;
  expect([root.localName, root.namespaceURI]).toEqual(['urlset', SITEMAP_NAMESPACE]);
  return childElements(root).map((url) => {
    expect([url.localName, url.namespaceURI]).toEqual(['url', SITEMAP_NAMESPACE]);
    const children = childElements(url);
    const named = (name: string) => children.filter((child) => child.localName === name);
    expect(children.every((child) => child.namespaceURI === SITEMAP_NAMESPACE && ['loc', 'lastmod', 'changefreq', 'priority'].includes(child.localName!))).toBe(true);
    expect([named('loc').length, named('lastmod').length <= 1]).toEqual([1, true]);
    const lastmod = named('lastmod')[0]?.textContent ?? undefined;
    return { loc: named('loc')[0]!.textContent!, ...(lastmod !== undefined ? { lastmod } : {}) };
  });
}

/** Every entry of a CMS collection, page by page, with the fields a sitemap needs. */
async function cmsListings(api: LocalApi, path: string, extra = ''): Promise<{ slug: string; updatedAt: string }[]> {
  const listings: { slug: string; updatedAt: string }[] = [];
  for (let page = 1; ; page += 1) {
    const answer = await cmsGet(api, `${path}?fields[0]=slug&fields[1]=updatedAt&pagination[page]=${page}&pagination[pageSize]=100${extra}`);
    listings.push(...answer.data.map((entry: any) => ({ slug: entry.attributes.slug, updatedAt: entry.attributes.updatedAt })));
    if (page >= answer.meta.pagination.pageCount) return listings;
  }
}

const caseStudyUrl = (siteUrl: string, slug: string) => `${siteUrl}/work/casestudies/${encodeURIComponent(slug)}`;
const serviceUrl = (siteUrl: string, slug: string) => `${siteUrl}/services/${encodeURIComponent(slug)}`;

async function fetchSitemap(api: LocalApi) {
  const response = await fetch(`${api.url}/sitemap.xml`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { response, bytes, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
}

describe('GET /sitemap.xml', () => {
  let api: LocalApi;
  let text: string;
  let urls: SitemapUrl[];
  beforeAll(async () => {
    api = await startQuietLocalApi('content-sitemap');
    text = (await fetchSitemap(api)).text;
    urls = readSitemap(text);
  }, 60_000);
  afterAll(() => api?.close());

  it('answers application/xml in UTF-8, beginning with an XML declaration that says so', async () => {
    const { response, bytes } = await fetchSitemap(api);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(bytes.slice(0, 3)).not.toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it('is a urlset in the sitemaps.org namespace whose every url has exactly one loc', () => {
    // readSitemap checks the structure; here, that it found the URLs at all.
    expect(urls.length).toBeGreaterThan(STATIC_SITE_PATHS.length);
  });

  it('lists each URL once, at most 50,000 of them, each an absolute URL of at most 2,048 characters on the site', () => {
    const locs = urls.map((url) => url.loc);
    expect(new Set(locs).size).toBe(locs.length);
    expect(locs.length).toBeLessThanOrEqual(50_000);
    expect(locs.filter((loc) => loc.length > 2048 || new URL(loc).origin !== new URL(SITE_URL).origin || !loc.startsWith(`${SITE_URL}/`) || !/^[\x21-\x7e]+$/.test(loc))).toEqual([]);
  });

  it('lists the site’s own pages, the home page as the site’s root URL', () => {
    const locs = urls.map((url) => url.loc);
    expect(STATIC_SITE_PATHS).toEqual(expect.arrayContaining(['/', '/work', '/careers']));
    expect(locs).toEqual(expect.arrayContaining(STATIC_SITE_PATHS.map((path) => (path === '/' ? `${SITE_URL}/` : `${SITE_URL}${path}`))));
  });

  it('lists every published case study with its updatedAt as lastmod, and no draft', async () => {
    const published = await cmsListings(api, 'blogs');
    const drafts = await cmsGet(api, `blogs?publicationState=preview&filters[publishedAt][$null]=true`);
    const byLoc = new Map(urls.map((url) => [url.loc, url.lastmod]));
    expect(published.map((entry) => entry.slug)).toEqual(expect.arrayContaining([...SAMPLE_SLUGS]));
    expect(published.map((entry) => [entry.slug, byLoc.get(caseStudyUrl(SITE_URL, entry.slug))])).toEqual(published.map((entry) => [entry.slug, entry.updatedAt]));
    expect(drafts.data.map((entry: any) => entry.attributes.slug)).toContain(SAMPLE_DRAFT_SLUG);
    expect(urls.filter((url) => drafts.data.some((entry: any) => url.loc.endsWith(`/${entry.attributes.slug}`)))).toEqual([]);
  });

  it('lists every service of the default locale once, with its updatedAt as lastmod', async () => {
    const services = await cmsListings(api, 'services', `&locale=${api.config.content.defaultLocale}`);
    const listed = urls.filter((url) => url.loc.startsWith(`${SITE_URL}/services/`));
    expect(services.length).toBeGreaterThan(0);
    expect(listed.map((url) => [url.loc, url.lastmod]).sort()).toEqual(services.map((entry) => [serviceUrl(SITE_URL, entry.slug), entry.updatedAt]).sort());
  });

  it('lists nothing but the site’s pages, case studies and services', async () => {
    const [caseStudies, services] = await Promise.all([cmsListings(api, 'blogs'), cmsListings(api, 'services', '&locale=en')]);
    expect(urls).toHaveLength(STATIC_SITE_PATHS.length + caseStudies.length + services.length);
  });

  it('gives every lastmod as a W3C datetime', () => {
    const lastmods = urls.flatMap((url) => (url.lastmod === undefined ? [] : [url.lastmod]));
    expect(lastmods.length).toBeGreaterThan(0);
    expect(lastmods.filter((lastmod) => !W3C_DATETIME.test(lastmod) || Number.isNaN(Date.parse(lastmod)))).toEqual([]);
  });

  it('is checked by a parser that refuses what a crawler would (the checks above can fail)', () => {
    expect(() => parseXml(`<urlset xmlns="${SITEMAP_NAMESPACE}"><url><loc>https://a.example/?a=1&b=2</loc></url></urlset>`)).toThrow();
    expect(() => readSitemap(`<urlset xmlns="http://example.com/other"><url><loc>https://a.example/</loc></url></urlset>`)).toThrow();
    expect(() => readSitemap(`<urlset xmlns="${SITEMAP_NAMESPACE}"><url><loc>https://a.example/</loc><loc>https://b.example/</loc></url></urlset>`)).toThrow();
    expect(W3C_DATETIME.test('2025-11-18 10:05:47')).toBe(false);
  });
});

/** The sample content with 230 more case studies (three CMS pages), awkward slugs, drafts and a service only in Spanish. */
function largerContent(): ContentSet {
  const blogs = SAMPLE_CONTENT.types.find((type) => type.pluralName === 'blogs')!;
  const services = SAMPLE_CONTENT.types.find((type) => type.pluralName === 'services')!;
  const blog = (id: number, slug: string, updatedAt: string, published = true): Entry => ({
    id,
    slug,
    date: updatedAt.slice(0, 10),
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt,
    publishedAt: published ? updatedAt : null,
    blogTitle: `Case study ${id}`,
    tags: [],
    content: null,
    image: null,
    blogContent: [],
  });
  const extraBlogs = [
    ...Array.from({ length: 230 }, (_, index) => blog(1000 + index, `bulk-case-study-${String(index).padStart(3, '0')}`, new Date(Date.UTC(2024, 0, 1) + index * 7_654_321_987).toISOString())),
    blog(1300, 'café-zürich', '2025-07-01T12:34:56.789Z'),
    blog(1301, "o'brien-&-sons", '2025-07-02T00:00:00.000Z'),
    ...[0, 1, 2].map((index) => blog(1400 + index, `bulk-draft-${index}`, '2025-08-01T00:00:00.000Z', false)),
  ];
  const spanishOnly: Entry = {
    id: 500,
    locale: 'es',
    createdAt: '2025-05-02T09:00:00.000Z',
    updatedAt: '2025-05-03T09:00:00.000Z',
    publishedAt: '2025-05-03T09:00:00.000Z',
    slug: 'solo-en-espanol',
    title: 'Solo en español',
    category: 'Cloud',
    onNavDisplay: false,
    images: [],
    serviceContent: [],
  };
  const replaced: Record<string, ContentType> = {
    blogs: { ...blogs, entries: [...blogs.entries, ...extraBlogs] },
    services: { ...services, entries: [...services.entries, spanishOnly] },
  };
  return { ...SAMPLE_CONTENT, types: SAMPLE_CONTENT.types.map((type) => replaced[type.pluralName] ?? type) };
}

describe('GET /sitemap.xml of a larger CMS, on a site URL with an ampersand', () => {
  // A path with `&` in it: every loc must carry it escaped as `&amp;`.
  const siteUrl = 'https://site.example.com/uk&ie';
  let api: LocalApi;
  let text: string;
  let urls: SitemapUrl[];
  beforeAll(async () => {
    api = await startQuietLocalApi('content-sitemap-larger', { config: { siteUrl }, contentServer: { content: largerContent() } });
    text = (await fetchSitemap(api)).text;
    urls = readSitemap(text);
  }, 60_000);
  afterAll(() => api?.close());

  it('escapes the ampersand as an entity, so the XML parses and each loc reads back as the URL', () => {
    expect(text).toContain('https://site.example.com/uk&amp;ie/work');
    expect(text).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;|#\d+;|#x[0-9a-f]+;)/i);
    expect(urls.map((url) => url.loc)).toContain(`${siteUrl}/work`);
    expect(urls.every((url) => url.loc.startsWith(`${siteUrl}/`))).toBe(true);
  });

  it('lists every published case study over all the CMS’s pages, with its lastmod, and no draft', async () => {
    const published = await cmsListings(api, 'blogs');
    const listed = urls.filter((url) => url.loc.startsWith(`${siteUrl}/work/casestudies/`));
    // The API serves slugs of lower-case letters, digits and hyphens; the site asks it for its pages' content.
    const served = published.filter((entry) => /^[a-z0-9-]+$/.test(entry.slug));
    expect(served.length).toBeGreaterThan(200);
    expect(listed.map((url) => [url.loc, Date.parse(url.lastmod!)]).sort()).toEqual(served.map((entry) => [caseStudyUrl(siteUrl, entry.slug), Date.parse(entry.updatedAt)]).sort());
    expect(listed.filter((url) => url.loc.includes('bulk-draft-'))).toEqual([]);
  });

  it('leaves out an entry whose slug the API would not serve, which would be a page that cannot load', async () => {
    const published = (await cmsListings(api, 'blogs')).map((entry) => entry.slug);
    expect(published).toEqual(expect.arrayContaining(['café-zürich', "o'brien-&-sons"]));
    const locs = urls.map((url) => url.loc);
    expect(locs.filter((loc) => /caf|brien/.test(loc))).toEqual([]);
    expect(locs.filter((loc) => !/^[\x21-\x7e]+$/.test(loc))).toEqual([]);
  });

  it('lists no service that exists only in another locale', () => {
    const services = urls.filter((url) => url.loc.startsWith(`${siteUrl}/services/`)).map((url) => url.loc);
    expect(services).not.toContain(serviceUrl(siteUrl, 'solo-en-espanol'));
    expect(services).toContain(serviceUrl(siteUrl, 'cloud-architecture'));
  });

  it('asks the CMS for the listings a page of 100 at a time, and only once while its copy is fresh', async () => {
    api.contentServer!.clearRequests();
    await api.emulator.resetContainers();
    await fetchSitemap(api);
    await fetchSitemap(api);
    const pages = cmsCalls(api).filter((request) => request.path === '/api/blogs').map((request) => request.query.pagination);
    expect(pages).toEqual([1, 2, 3].map((page) => ({ page: String(page), pageSize: '100' })));
  });
});
