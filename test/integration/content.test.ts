import { SAMPLE_DRAFT_SLUG, SAMPLE_SLUGS } from '../../local/content-server';
import type { LocalApi } from '../../local/local-api';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../../lib/function-settings';
import { isContentRoute, ROUTES } from '../../lib/routes';
import { allKeys, allStringsByKey, dangerousMarkup, loggedDuring, metricNames } from '../support/content-api';
import { CMS_FAILURES, cmsCalls, cmsGet, get, sleep, startQuietLocalApi, type Fetched } from '../support/local-api';

/**
 * The content routes over real HTTP: the real handlers behind the emulator,
 * reading the embedded content server (Strapi v4, and v5 at the end).
 */

/** One request per content route, each answered 200 by the sample content. */
const ROUTE_EXAMPLES: readonly (readonly [routeId: string, path: string])[] = [
  ['ContentHome', '/content/home'],
  ['ContentHistories', '/content/histories'],
  ['ContentLegalPage', '/content/legal/privacy'],
  ['ContentServices', '/content/services'],
  ['ContentService', '/content/services/cloud-architecture'],
  ['ContentCaseStudies', '/content/case-studies'],
  ['ContentCaseStudy', `/content/case-studies/${SAMPLE_SLUGS.normal}`],
  ['ContentCareers', '/content/careers'],
  ['Sitemap', '/sitemap.xml'],
];
const JSON_ROUTE_EXAMPLES = ROUTE_EXAMPLES.filter(([id]) => id !== 'Sitemap');

/** TTLs unlike the defaults and unlike each other, so the headers can only have come from the configuration. */
const CONTENT = { ttlSeconds: 120, routeTtlSeconds: { ContentCareers: 30, Sitemap: 3600 }, notFoundTtlSeconds: 45, staleWhileRevalidateSeconds: 600 };

/** Fields a page must never see: who edited what, where files are stored, v5's document ids. */
const PRIVATE_FIELDS = ['createdBy', 'updatedBy', 'provider', 'provider_metadata', 'documentId', 'hash', 'previewUrl', 'path', 'sizeInBytes', 'localizations'];

const ERROR_ENVELOPE = { status: 'error', message: expect.any(String), details: {} };

function cacheDirectives(header: string | null): Record<string, string | true> {
  return Object.fromEntries((header ?? '').split(',').map((part) => part.trim()).filter(Boolean).map((part) => {
    const [name, value] = part.split('=');
    return [name!.toLowerCase(), value ?? true];
  }));
}

function ttlOf(api: LocalApi, routeId: string): number {
  return api.config.content.routeTtlSeconds[routeId] ?? api.config.content.ttlSeconds;
}

const cmsOrigin = (api: LocalApi) => api.contentServer!.url;
const ids = (document: { data: { id: number }[] }) => document.data.map((entry) => entry.id);

/** A media field's file, as the API answers it, from the CMS's v4 media object: relative URLs on the CMS origin. */
function expectedFileUrl(api: LocalApi, url: string): string {
  return url.startsWith('/') ? `${cmsOrigin(api)}${url.split('?')[0]}` : url;
}

/** Every file in an answer (v4 `{ id, attributes: { url, mime } }`) and every format of it, as `[url, mime]`. */
function mediaFiles(document: unknown): [url: string, mime: string][] {
  const files: [string, string][] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, any>;
    const attributes = record.attributes;
    if (typeof record.id === 'number' && typeof attributes?.url === 'string' && typeof attributes?.mime === 'string') {
      files.push([attributes.url, attributes.mime]);
      for (const format of Object.values((attributes.formats ?? {}) as Record<string, { url: string; mime: string }>)) files.push([format.url, format.mime]);
    }
    Object.values(record).forEach(visit);
  };
  visit(document);
  return files;
}

describe('the content routes', () => {
  let api: LocalApi;
  beforeAll(async () => {
    api = await startQuietLocalApi('content-main', { config: { content: CONTENT } });
  }, 60_000);
  afterAll(() => api?.close());
  beforeEach(() => api.contentServer!.clearRequests());

  it('covers every content route of the route table in these tests', () => {
    expect(ROUTE_EXAMPLES.map(([id]) => id).sort()).toEqual(ROUTES.filter(isContentRoute).map((route) => route.id).sort());
  });

  describe('the answers', () => {
    it('answers the home page as a Strapi v4 single type, as the CMS holds it, its icons and services populated', async () => {
      const cms = (await cmsGet(api, 'home-content?locale=en&populate[0]=solutions.icon&populate[1]=services&populate[2]=technologies.icon')).data;
      const { status, json } = await get(api, '/content/home');
      const home = json.data.attributes;
      expect(status).toBe(200);
      expect(Object.keys(json).sort()).toEqual(['data', 'meta']);
      expect(json.meta).toEqual({});
      expect(Object.keys(json.data).sort()).toEqual(['attributes', 'id']);
      expect(json.data.id).toBe(cms.id);
      for (const field of ['heroTitle', 'heroSubtitle', 'ctaLabel', 'solutionsHeading', 'technologiesHeading', 'locale', 'createdAt', 'updatedAt', 'publishedAt']) {
        expect([field, home[field]]).toEqual([field, cms.attributes[field]]);
      }
      const solution = (item: any, url: string) => [item.id, item.title, item.description, item.icon.data.id, url];
      expect(home.solutions.map((item: any) => solution(item, item.icon.data.attributes.url))).toEqual(
        cms.attributes.solutions.map((item: any) => solution(item, expectedFileUrl(api, item.icon.data.attributes.url))),
      );
      expect(home.technologies.map((item: any) => [item.name, item.icon.data.attributes.url])).toEqual(
        cms.attributes.technologies.map((item: any) => [item.name, expectedFileUrl(api, item.icon.data.attributes.url)]),
      );
      expect(home.services.data.map((service: any) => [service.id, service.attributes.slug, service.attributes.title])).toEqual(
        cms.attributes.services.data.map((service: any) => [service.id, service.attributes.slug, service.attributes.title]),
      );
    });

    it('answers the histories of a locale as the CMS lists them, with its pagination', async () => {
      const cms = await cmsGet(api, 'histories?locale=en&pagination[pageSize]=100');
      const { json } = await get(api, '/content/histories');
      expect(json.data.map((entry: any) => [entry.id, entry.attributes.year, entry.attributes.title, entry.attributes.description])).toEqual(
        cms.data.map((entry: any) => [entry.id, entry.attributes.year, entry.attributes.title, entry.attributes.description]),
      );
      expect(json.meta).toEqual({ pagination: cms.meta.pagination });
    });

    it.each(['privacy', 'terms-of-service', 'cookie-policy'])('answers the legal page %s as a list of that one entry', async (page) => {
      const cms = (await cmsGet(api, `privacies?locale=en&filters[title]=${page}`)).data[0];
      const { status, json } = await get(api, `/content/legal/${page}`);
      expect(status).toBe(200);
      expect(json.data).toHaveLength(1);
      expect(json.meta).toEqual({ pagination: { page: 1, pageSize: 1, pageCount: 1, total: 1 } });
      const { attributes } = json.data[0];
      expect([json.data[0].id, attributes.title, attributes.json.title]).toEqual([cms.id, page, cms.attributes.json.title]);
      expect(attributes.json.sections.map((section: any) => section.heading)).toEqual(cms.attributes.json.sections.map((section: any) => section.heading));
    });

    it('answers every service of the default locale, and nav=true|false splits them by onNavDisplay', async () => {
      const cms = await cmsGet(api, 'services?locale=en&pagination[pageSize]=100');
      const [all, nav, notNav] = [(await get(api, '/content/services')).json, (await get(api, '/content/services?nav=true')).json, (await get(api, '/content/services?nav=false')).json];
      const onNav = (document: any) => document.data.map((entry: any) => entry.attributes.onNavDisplay);
      expect(ids(all)).toEqual(ids(cms));
      expect(ids(nav)).toEqual(cms.data.filter((entry: any) => entry.attributes.onNavDisplay === true).map((entry: any) => entry.id));
      expect(ids(notNav)).toEqual(cms.data.filter((entry: any) => entry.attributes.onNavDisplay === false).map((entry: any) => entry.id));
      expect([...onNav(nav), ...onNav(notNav)]).toEqual([...onNav(nav).map(() => true), ...onNav(notNav).map(() => false)]);
      expect(ids(notNav).length).toBeGreaterThan(0);
      expect(all.meta.pagination).toMatchObject({ page: 1, total: cms.data.length });
    });

    it('answers one service with its images and modules, as the CMS holds it', async () => {
      const cms = (await cmsGet(api, 'services?locale=en&filters[slug]=cloud-architecture&populate[0]=images&populate[1]=serviceContent')).data[0];
      const { json } = await get(api, '/content/services/cloud-architecture');
      const service = json.data[0];
      expect(json.data).toHaveLength(1);
      expect([service.id, service.attributes.slug, service.attributes.title, service.attributes.category]).toEqual([cms.id, 'cloud-architecture', cms.attributes.title, cms.attributes.category]);
      expect(service.attributes.images.data.map((image: any) => [image.id, image.attributes.url])).toEqual(
        cms.attributes.images.data.map((image: any) => [image.id, expectedFileUrl(api, image.attributes.url)]),
      );
      // These modules have no markup, so they are answered exactly as the CMS holds them.
      expect(service.attributes.serviceContent).toEqual(cms.attributes.serviceContent);
    });

    it('answers every published case study, newest first as the CMS sorts them, and never the draft', async () => {
      const cms = await cmsGet(api, 'blogs?sort[0]=date:desc&pagination[pageSize]=100');
      const preview = await cmsGet(api, `blogs?publicationState=preview&filters[slug]=${SAMPLE_DRAFT_SLUG}`);
      const { json } = await get(api, '/content/case-studies');
      const slugs = json.data.map((entry: any) => entry.attributes.slug);
      const dates = json.data.map((entry: any) => entry.attributes.date);
      expect(preview.data).toHaveLength(1);
      expect(ids(json)).toEqual(ids(cms));
      expect(slugs).toEqual(expect.arrayContaining([...SAMPLE_SLUGS]));
      expect(slugs).not.toContain(SAMPLE_DRAFT_SLUG);
      expect(dates).toEqual([...dates].sort().reverse());
      expect(json.meta.pagination).toEqual({ page: 1, pageSize: 100, pageCount: 1, total: cms.meta.pagination.total });
    });

    it('answers a page of case studies with the pagination of the CMS', async () => {
      const cms = await cmsGet(api, 'blogs?sort[0]=date:desc&pagination[page]=2&pagination[pageSize]=4');
      const { json } = await get(api, '/content/case-studies?page=2&pageSize=4');
      expect(ids(json)).toEqual(ids(cms));
      expect(json.data).toHaveLength(4);
      expect(json.meta).toEqual({ pagination: cms.meta.pagination });
    });

    it('answers a page past the last one as an empty page, not an error', async () => {
      const { status, json } = await get(api, '/content/case-studies?page=1000');
      expect(status).toBe(200);
      expect(json.data).toEqual([]);
      expect(json.meta.pagination).toMatchObject({ page: 1000, pageSize: 100 });
    });

    it('answers one case study with its image and sections, as the CMS holds them', async () => {
      const cms = (await cmsGet(api, `blogs?filters[slug]=${SAMPLE_SLUGS.normal}&populate[0]=image&populate[1]=blogContent&populate[2]=blogContent.image`)).data[0];
      const { json } = await get(api, `/content/case-studies/${SAMPLE_SLUGS.normal}`);
      const study = json.data[0];
      expect(json.data).toHaveLength(1);
      expect(json.meta).toEqual({ pagination: { page: 1, pageSize: 1, pageCount: 1, total: 1 } });
      expect(study.id).toBe(cms.id);
      for (const field of ['blogTitle', 'slug', 'date', 'tags', 'content', 'createdAt', 'updatedAt', 'publishedAt']) {
        expect([field, study.attributes[field]]).toEqual([field, cms.attributes[field]]);
      }
      const image = study.attributes.image.data;
      const cmsImage = cms.attributes.image.data;
      expect([image.id, image.attributes.url, image.attributes.alternativeText, image.attributes.width, image.attributes.height]).toEqual([
        cmsImage.id,
        expectedFileUrl(api, cmsImage.attributes.url),
        cmsImage.attributes.alternativeText,
        cmsImage.attributes.width,
        cmsImage.attributes.height,
      ]);
      expect(Object.keys(image.attributes.formats).sort()).toEqual(Object.keys(cmsImage.attributes.formats).sort());
      // Sections keep their markup; their line breaks become <br>, as the site has always shown them.
      expect(study.attributes.blogContent.map((section: any) => [section.id, section.title, section.content])).toEqual(
        cms.attributes.blogContent.map((section: any) => [section.id, section.title, section.content.replace(/\r\n?|\n/g, '<br>')]),
      );
      expect(study.attributes.blogContent.map((section: any) => section.image.data?.attributes.url ?? null)).toEqual(
        cms.attributes.blogContent.map((section: any) => (section.image.data ? expectedFileUrl(api, section.image.data.attributes.url) : null)),
      );
    });

    it('answers the open positions with their details, as the CMS holds them', async () => {
      const cms = await cmsGet(api, 'careers?populate=career');
      const { json } = await get(api, '/content/careers');
      expect(json.data.map((entry: any) => [entry.id, entry.attributes.career])).toEqual(cms.data.map((entry: any) => [entry.id, entry.attributes.career]));
      expect(json.data.every((entry: any) => typeof entry.attributes.career?.title === 'string')).toBe(true);
    });

    it.each(JSON_ROUTE_EXAMPLES)('answers %s as JSON in the v4 envelope, every entry an id and attributes', async (_, path) => {
      const { status, headers, json } = await get(api, path);
      const entries = Array.isArray(json.data) ? json.data : [json.data];
      expect(status).toBe(200);
      expect(headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(Object.keys(json).sort()).toEqual(['data', 'meta']);
      expect(entries.length).toBeGreaterThan(0);
      for (const entry of entries) {
        expect(Object.keys(entry).sort()).toEqual(['attributes', 'id']);
        expect(Number.isInteger(entry.id)).toBe(true);
      }
    });

    it.each(JSON_ROUTE_EXAMPLES)('answers %s without any private field of the CMS', async (_, path) => {
      const { json } = await get(api, path);
      const keys = allKeys(json);
      expect(PRIVATE_FIELDS.filter((field) => keys.has(field))).toEqual([]);
    });

    it('drops private fields the CMS does send (the check above is not vacuous)', async () => {
      const cms = await cmsGet(api, `blogs?filters[slug]=${SAMPLE_SLUGS.normal}&populate=image`);
      const { json } = await get(api, `/content/case-studies/${SAMPLE_SLUGS.normal}`);
      const storage = ['hash', 'provider', 'provider_metadata', 'previewUrl'];
      expect(Object.keys(cms.data[0].attributes.image.data.attributes)).toEqual(expect.arrayContaining(storage));
      expect(Object.keys(json.data[0].attributes.image.data.attributes).filter((key) => storage.includes(key))).toEqual([]);
    });
  });

  describe('locales', () => {
    it.each([
      ['es', 'es'],
      ['pt', 'pt'],
      ['el', 'el'],
      ['gr', 'el'],
    ])('answers the home page asked in %s in %s, and says so in Content-Language', async (asked, served) => {
      const cms = (await cmsGet(api, `home-content?locale=${served}`)).data;
      const { status, headers, json } = await get(api, `/content/home?locale=${asked}`);
      expect(status).toBe(200);
      expect(headers.get('content-language')).toBe(served);
      expect([json.data.id, json.data.attributes.locale, json.data.attributes.heroTitle]).toEqual([cms.id, served, cms.attributes.heroTitle]);
    });

    it.each(JSON_ROUTE_EXAMPLES.filter(([id]) => ['ContentHome', 'ContentHistories', 'ContentLegalPage', 'ContentServices', 'ContentService'].includes(id)))(
      'answers %s in the default locale when none is asked for',
      async (_, path) => {
        const { headers, json } = await get(api, path);
        const entries = Array.isArray(json.data) ? json.data : [json.data];
        expect(headers.get('content-language')).toBe(api.config.content.defaultLocale);
        expect(entries.map((entry: any) => entry.attributes.locale)).toEqual(entries.map(() => api.config.content.defaultLocale));
      },
    );

    it('answers the Spanish histories in Spanish, as the CMS has them', async () => {
      const cms = await cmsGet(api, 'histories?locale=es');
      const { headers, json } = await get(api, '/content/histories?locale=es');
      expect(headers.get('content-language')).toBe('es');
      expect(json.data.map((entry: any) => entry.attributes.title)).toEqual(cms.data.map((entry: any) => entry.attributes.title));
      expect(cms.data.length).toBeGreaterThan(0);
    });

    it('falls back to the English terms of service in Spanish, which has none, asking the CMS for Spanish first', async () => {
      expect((await cmsGet(api, 'privacies?locale=es&filters[title]=terms-of-service')).data).toEqual([]);
      api.contentServer!.clearRequests();
      const { status, headers, json } = await get(api, '/content/legal/terms-of-service?locale=es');
      expect(status).toBe(200);
      expect(headers.get('content-language')).toBe('en');
      expect([json.data[0].attributes.title, json.data[0].attributes.locale]).toEqual(['terms-of-service', 'en']);
      expect(cmsCalls(api).map((request) => request.query.locale)).toEqual(['es', 'en']);
    });

    it('answers the Spanish cookie policy, which exists, in Spanish', async () => {
      const cms = (await cmsGet(api, 'privacies?locale=es&filters[title]=cookie-policy')).data[0];
      const { headers, json } = await get(api, '/content/legal/cookie-policy?locale=es');
      expect(headers.get('content-language')).toBe('es');
      expect([json.data[0].id, json.data[0].attributes.json.title]).toEqual([cms.id, cms.attributes.json.title]);
    });

    it.each([
      ['histories in Greek', '/content/histories?locale=el', 'histories?locale=el'],
      ['services in Greek', '/content/services?locale=el', 'services?locale=el'],
      ['privacy policy in Portuguese', '/content/legal/privacy?locale=pt', 'privacies?locale=pt&filters[title]=privacy'],
      ['UX design service in Spanish', '/content/services/ux-design?locale=es', 'services?locale=es&filters[slug]=ux-design'],
    ])('falls back to English for the %s, which the CMS does not have', async (_, path, cmsQuery) => {
      expect((await cmsGet(api, cmsQuery)).data).toEqual([]);
      const { status, headers, json } = await get(api, path);
      expect(status).toBe(200);
      expect(headers.get('content-language')).toBe('en');
      expect(json.data.length).toBeGreaterThan(0);
      expect(json.data.every((entry: any) => entry.attributes.locale === 'en')).toBe(true);
    });

    it('answers the Spanish version of a service that has one', async () => {
      const cms = (await cmsGet(api, 'services?locale=es&filters[slug]=cloud-architecture')).data[0];
      const { headers, json } = await get(api, '/content/services/cloud-architecture?locale=es');
      expect(headers.get('content-language')).toBe('es');
      expect([json.data[0].id, json.data[0].attributes.title]).toEqual([cms.id, cms.attributes.title]);
    });

    it('answers the Portuguese services, which are fewer than the English ones, in Portuguese', async () => {
      const cms = await cmsGet(api, 'services?locale=pt');
      const { headers, json } = await get(api, '/content/services?locale=pt');
      expect(headers.get('content-language')).toBe('pt');
      expect(ids(json)).toEqual(ids(cms));
    });

    it('serves gr from the answer it keeps for el, without asking the CMS again', async () => {
      const greek = await get(api, '/content/legal/cookie-policy?locale=el');
      expect(cmsCalls(api).length).toBeGreaterThan(0);
      api.contentServer!.clearRequests();
      const alias = await get(api, '/content/legal/cookie-policy?locale=gr');
      expect(cmsCalls(api)).toEqual([]);
      expect([alias.status, alias.text, alias.headers.get('etag'), alias.headers.get('content-language')]).toEqual([200, greek.text, greek.headers.get('etag'), greek.headers.get('content-language')]);
    });

    it.each(['/content/case-studies', `/content/case-studies/${SAMPLE_SLUGS.normal}`, '/content/careers', '/sitemap.xml'])(
      'answers %s, which has no locales, without Content-Language, and refuses a locale',
      async (path) => {
        const plain = await get(api, path);
        const localized = await get(api, `${path}?locale=en`);
        expect([plain.status, plain.headers.get('content-language')]).toEqual([200, null]);
        expect([localized.status, Object.keys(localized.json.details.parameters)]).toEqual([400, ['locale']]);
      },
    );
  });

  describe('bad query parameters', () => {
    type Kind = 'unknown' | 'repeated' | 'page' | 'pageSize' | 'nav' | 'locale';
    const MESSAGES: Record<Kind, (api: LocalApi) => RegExp> = {
      unknown: () => /^is not a parameter of this route, which takes /,
      repeated: () => /given once: a repeated parameter arrives joined with commas/,
      page: () => /^must be a whole number from 1 to 1000$/,
      pageSize: () => /^must be a whole number from 1 to 100$/,
      nav: () => /^must be true or false$/,
      locale: (current) => new RegExp(`^must be one of ${current.config.content.locales.join(', ')} \\(or gr for el\\)$`),
    };
    const BAD: readonly (readonly [path: string, query: string, parameter: string, kind: Kind])[] = [
      ['/content/case-studies', 'page=0', 'page', 'page'],
      ['/content/case-studies', 'page=1001', 'page', 'page'],
      ['/content/case-studies', 'page=abc', 'page', 'page'],
      ['/content/case-studies', 'page=1.5', 'page', 'page'],
      ['/content/case-studies', 'page=-1', 'page', 'page'],
      ['/content/case-studies', 'page=01', 'page', 'page'],
      ['/content/case-studies', 'page=', 'page', 'page'],
      ['/content/case-studies', 'page=%201', 'page', 'page'],
      ['/content/case-studies', 'page=2&page=3', 'page', 'repeated'],
      ['/content/case-studies', 'pageSize=0', 'pageSize', 'pageSize'],
      ['/content/case-studies', 'pageSize=101', 'pageSize', 'pageSize'],
      ['/content/case-studies', 'pageSize=1e2', 'pageSize', 'pageSize'],
      ['/content/case-studies', 'pageSize=99999999999', 'pageSize', 'pageSize'],
      ['/content/case-studies', 'pageSize=10&pageSize=10', 'pageSize', 'repeated'],
      ['/content/case-studies', 'limit=5', 'limit', 'unknown'],
      ['/content/case-studies', 'PageSize=5', 'PageSize', 'unknown'],
      ['/content/case-studies', 'filters[slug]=x', 'filters[slug]', 'unknown'],
      ['/content/case-studies', 'filters%5Bslug%5D%5B%24eq%5D=x', 'filters[slug][$eq]', 'unknown'],
      ['/content/case-studies', 'populate=*', 'populate', 'unknown'],
      ['/content/case-studies', 'pagination[pageSize]=5', 'pagination[pageSize]', 'unknown'],
      ['/content/case-studies', 'sort=date:asc', 'sort', 'unknown'],
      ['/content/case-studies', 'publicationState=preview', 'publicationState', 'unknown'],
      ['/content/case-studies', 'status=draft', 'status', 'unknown'],
      ['/content/services', 'nav=yes', 'nav', 'nav'],
      ['/content/services', 'nav=TRUE', 'nav', 'nav'],
      ['/content/services', 'nav=1', 'nav', 'nav'],
      ['/content/services', 'nav=', 'nav', 'nav'],
      ['/content/services', 'nav=true&nav=false', 'nav', 'repeated'],
      ['/content/services', 'filters[onNavDisplay]=false', 'filters[onNavDisplay]', 'unknown'],
      ['/content/services', 'locale=fr', 'locale', 'locale'],
      ['/content/services', 'locale=EN', 'locale', 'locale'],
      ['/content/services', 'locale=en-GB', 'locale', 'locale'],
      ['/content/services', 'locale=', 'locale', 'locale'],
      ['/content/services', 'locale=en&locale=es', 'locale', 'repeated'],
      ['/content/home', 'locale=xx', 'locale', 'locale'],
      ['/content/home', 'locale=en&populate=*', 'populate', 'unknown'],
      ['/content/home', 'populate[0]=services', 'populate[0]', 'unknown'],
      ['/content/histories', 'locale=de', 'locale', 'locale'],
      ['/content/histories', 'pagination[pageSize]=1', 'pagination[pageSize]', 'unknown'],
      ['/content/legal/privacy', 'locale=xx', 'locale', 'locale'],
      ['/content/legal/privacy', 'filters[title]=terms-of-service', 'filters[title]', 'unknown'],
      ['/content/services/cloud-architecture', 'locale=gr&locale=el', 'locale', 'repeated'],
      ['/content/services/cloud-architecture', 'populate=*', 'populate', 'unknown'],
      [`/content/case-studies/${SAMPLE_SLUGS.normal}`, 'populate=*', 'populate', 'unknown'],
      [`/content/case-studies/${SAMPLE_SLUGS.normal}`, 'publicationState=preview', 'publicationState', 'unknown'],
      ['/content/careers', 'populate=career', 'populate', 'unknown'],
      ['/content/careers', 'page=1', 'page', 'unknown'],
      ['/sitemap.xml', 'page=2', 'page', 'unknown'],
      ['/content/careers', '__proto__=x', '__proto__', 'unknown'],
      ['/content/home', 'constructor=x', 'constructor', 'unknown'],
    ];

    it.each(BAD)('answers 400 to %s?%s, naming %s, without asking the CMS', async (path, query, parameter, kind) => {
      const { status, headers, json } = await get(api, `${path}?${query}`);
      expect(status).toBe(400);
      expect(headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(headers.get('cache-control')).toBe('no-store');
      expect(headers.get('etag')).toBeNull();
      expect(json).toEqual({ status: 'error', message: `Invalid query parameters: ${parameter}`, details: { parameters: { [parameter]: [expect.stringMatching(MESSAGES[kind](api))] } } });
      expect(cmsCalls(api)).toEqual([]);
    });

    it('names every bad parameter of a request at once', async () => {
      const { status, json } = await get(api, '/content/case-studies?page=0&pageSize=500&populate=*');
      expect(status).toBe(400);
      expect(Object.keys(json.details.parameters).sort()).toEqual(['page', 'pageSize', 'populate']);
      expect(json.message.replace('Invalid query parameters: ', '').split(', ').sort()).toEqual(['page', 'pageSize', 'populate']);
    });

    it('takes a parameter at its bounds', async () => {
      const answers = [await get(api, '/content/case-studies?page=1000&pageSize=1'), await get(api, '/content/case-studies?page=1&pageSize=100')];
      expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
      expect(answers[0]!.json.meta.pagination).toMatchObject({ page: 1000, pageSize: 1 });
    });
  });

  describe('not found', () => {
    const MALFORMED_SLUGS = [
      ['upper-case letters', 'Logistics-Cloud-Migration'],
      ['an encoded script tag', '%3Cscript%3Ealert(1)%3C%2Fscript%3E'],
      ['an encoded slash', 'logistics%2Fcloud'],
      ['dot segments', '..%2F..%2Fapi%2Fblogs'],
      ['a query injection', 'x%3Fpopulate%3D*'],
      ['a filter injection', 'x%26filters%5Bslug%5D%3Dy'],
      ['non-ASCII', 'caf%C3%A9'],
      ['a space', 'a%20b'],
      ['an underscore', 'a_b'],
      ['201 characters', 'a'.repeat(201)],
    ] as const;

    it.each(MALFORMED_SLUGS)('answers 404 to a case study slug with %s, without asking the CMS', async (_, slug) => {
      const { status, headers, json } = await get(api, `/content/case-studies/${slug}`);
      expect([status, headers.get('content-type')]).toEqual([404, 'application/json; charset=utf-8']);
      expect(json).toEqual({ ...ERROR_ENVELOPE, message: expect.stringContaining('case study') });
      expect(cmsCalls(api)).toEqual([]);
    });

    it.each(MALFORMED_SLUGS)('answers 404 to a service slug with %s, without asking the CMS', async (_, slug) => {
      const { status, json } = await get(api, `/content/services/${slug}?locale=es`);
      expect(status).toBe(404);
      expect(json).toEqual({ ...ERROR_ENVELOPE, message: expect.stringContaining('service') });
      expect(cmsCalls(api)).toEqual([]);
    });

    it.each(['imprint', 'Privacy', 'privacy-policy', 'terms', 'cookies', '%3Cscript%3E', 'privacy%2F..'])('answers 404 to the unknown legal page %s, without asking the CMS', async (page) => {
      const { status, json } = await get(api, `/content/legal/${page}`);
      expect(status).toBe(404);
      expect(json).toEqual({ ...ERROR_ENVELOPE, message: expect.stringContaining('privacy, terms-of-service, cookie-policy') });
      expect(cmsCalls(api)).toEqual([]);
    });

    it('answers 404 to a well-formed slug the CMS does not have, and remembers it for notFoundTtlSeconds', async () => {
      const first = await get(api, '/content/case-studies/no-such-case-study');
      const callsOfFirst = cmsCalls(api).length;
      const second = await get(api, '/content/case-studies/no-such-case-study');
      expect([first.status, second.status]).toEqual([404, 404]);
      expect(first.json).toEqual(ERROR_ENVELOPE);
      expect(first.headers.get('cache-control')).toBe(`public, max-age=${CONTENT.notFoundTtlSeconds}, s-maxage=${CONTENT.notFoundTtlSeconds}`);
      expect([callsOfFirst, cmsCalls(api).length]).toEqual([1, 1]);
    });

    it('answers 404 to a service slug the CMS has in no locale, having asked the locale and then the default', async () => {
      const { status } = await get(api, '/content/services/no-such-service?locale=pt');
      expect(status).toBe(404);
      expect(cmsCalls(api).map((request) => [request.path, request.query.locale])).toEqual([
        ['/api/services', 'pt'],
        ['/api/services', 'en'],
      ]);
    });

    it('answers 404 to the slug of a draft', async () => {
      const { status } = await get(api, `/content/case-studies/${SAMPLE_DRAFT_SLUG}`);
      expect(status).toBe(404);
      expect(cmsCalls(api)).toHaveLength(1);
    });

    it('asks the CMS about a slug of 200 characters, the longest there can be', async () => {
      const { status } = await get(api, `/content/case-studies/${'c'.repeat(200)}`);
      expect(status).toBe(404);
      expect(cmsCalls(api)).toHaveLength(1);
    });

    it('asks the CMS for the slug only through its own filter, never as given', async () => {
      await get(api, `/content/case-studies/${SAMPLE_SLUGS.noImage}`);
      const [request] = cmsCalls(api);
      expect(request).toMatchObject({ path: '/api/blogs', authorization: `Bearer ${api.cmsToken}`, query: { filters: { slug: { $eq: SAMPLE_SLUGS.noImage } } } });
      expect(request!.query.publicationState).toBeUndefined();
      expect(request!.query.status).toBeUndefined();
    });
  });

  describe('caching headers', () => {
    it.each(ROUTE_EXAMPLES)('tags %s with a strong ETag, and answers a matching If-None-Match with 304 and no body', async (_, path) => {
      const first = await get(api, path);
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^"[^"\s]+"$/);
      // The gateway adds CORS headers for allowed origins only: a copy cached for one origin must not serve another.
      expect(first.headers.get('vary')).toBe('Origin');
      const again = await get(api, path);
      expect([again.headers.get('etag'), again.text]).toEqual([etag, first.text]);
      for (const ifNoneMatch of [etag, `W/${etag}`, `"not-this-one", ${etag}`, '*']) {
        const notModified = await get(api, path, { 'if-none-match': ifNoneMatch });
        expect([ifNoneMatch, notModified.status, notModified.text]).toEqual([ifNoneMatch, 304, '']);
        expect(notModified.headers.get('etag')).toBe(etag);
        expect(notModified.headers.get('cache-control')).toBe(first.headers.get('cache-control'));
        expect(notModified.headers.get('content-language')).toBe(first.headers.get('content-language'));
        // Its own type, not one the gateway would make up for an answer without one.
        expect(notModified.headers.get('content-type')).toBe(first.headers.get('content-type'));
      }
      for (const ifNoneMatch of ['"not-this-one"', `W/"${etag.slice(2)}`, etag.slice(1, -1)]) {
        const modified = await get(api, path, { 'if-none-match': ifNoneMatch });
        expect([ifNoneMatch, modified.status, modified.text]).toEqual([ifNoneMatch, 200, first.text]);
      }
    });

    it('tags different answers differently', async () => {
      const answers: Fetched[] = [];
      for (const path of ['/content/histories', '/content/histories?locale=es', '/content/case-studies?pageSize=3', '/content/case-studies?page=2&pageSize=3']) answers.push(await get(api, path));
      expect(new Set(answers.map((answer) => answer.headers.get('etag'))).size).toBe(answers.length);
    });

    it.each(ROUTE_EXAMPLES)('lets %s be cached publicly for its TTL, and served stale while it is fetched again', async (routeId, path) => {
      const { headers } = await get(api, path);
      const ttl = ttlOf(api, routeId);
      const directives = cacheDirectives(headers.get('cache-control'));
      expect(Object.keys(directives).sort()).toEqual(['max-age', 'public', 's-maxage', 'stale-while-revalidate']);
      expect([directives.public, directives['s-maxage'], directives['stale-while-revalidate']]).toEqual([true, String(ttl), String(CONTENT.staleWhileRevalidateSeconds)]);
      expect(Number(directives['max-age'])).toBeGreaterThan(0);
      expect(Number(directives['max-age'])).toBeLessThanOrEqual(ttl);
    });

    it('gives each route the TTL the configuration names for it', () => {
      expect([ttlOf(api, 'ContentCareers'), ttlOf(api, 'Sitemap'), ttlOf(api, 'ContentHome')]).toEqual([30, 3600, 120]);
    });

    it('lets no one cache a refused request', async () => {
      const { headers } = await get(api, '/content/home?locale=xx');
      expect(headers.get('cache-control')).toBe('no-store');
    });

    it('keeps a 404 of a malformed path only for notFoundTtlSeconds', async () => {
      const { headers } = await get(api, '/content/legal/imprint');
      expect(headers.get('cache-control')).toBe(`public, max-age=${CONTENT.notFoundTtlSeconds}, s-maxage=${CONTENT.notFoundTtlSeconds}`);
    });
  });

  describe('markup and media', () => {
    it('sanitises the sections of the hostile case study: no scripts, handlers or javascript: links', async () => {
      const cms = (await cmsGet(api, `blogs?filters[slug]=${SAMPLE_SLUGS.hostileText}&populate=blogContent`)).data[0];
      const { json, text } = await get(api, `/content/case-studies/${SAMPLE_SLUGS.hostileText}`);
      const sections: string[] = json.data[0].attributes.blogContent.map((section: any) => section.content);
      expect(cms.attributes.blogContent.flatMap((section: any) => dangerousMarkup(section.content)).length).toBeGreaterThan(0);
      expect(sections.flatMap(dangerousMarkup)).toEqual([]);
      expect(sections.join('')).not.toMatch(/<script|on\w+\s*=|javascript:/i);
      expect(text).not.toMatch(/javascript:|\bon\w+\s*=/i);
      // What is harmless stays: the link text and the words around it.
      expect(sections.join('')).toContain('Order ahead');
      expect(sections.join('')).toContain('Menus in four languages');
    });

    it('sanitises the privacy page: nothing in the whole answer a page could run, the mailto link kept', async () => {
      const cms = (await cmsGet(api, 'privacies?locale=en&filters[title]=privacy')).data[0];
      const { json, text } = await get(api, '/content/legal/privacy');
      const sections: string[] = json.data[0].attributes.json.sections.map((section: any) => section.content);
      expect(JSON.stringify(cms)).toMatch(/<script/);
      expect(text).not.toMatch(/<script|<img|<iframe|\bon\w+\s*=|javascript:/i);
      expect(sections.flatMap(dangerousMarkup)).toEqual([]);
      expect(sections.join('')).toContain('<a href="mailto:privacy@example.com">privacy@example.com</a>');
    });

    it('sanitises every HTML string of the cookie policy, its table cells too', async () => {
      const { json, text } = await get(api, '/content/legal/cookie-policy');
      const strings = allStringsByKey(json.data[0].attributes.json).map((item) => item.value);
      expect(strings.flatMap(dangerousMarkup)).toEqual([]);
      expect(text).not.toMatch(/\bon\w+\s*=/i);
      expect(strings).toContain('<b>x</b>');
    });

    it('sanitises the markup in the modules of the ux-design service, and keeps its safe links', async () => {
      const cms = (await cmsGet(api, 'services?locale=en&filters[slug]=ux-design&populate=serviceContent')).data[0];
      const { json, text } = await get(api, '/content/services/ux-design');
      const strings = allStringsByKey(json.data[0].attributes.serviceContent);
      expect(JSON.stringify(cms)).toMatch(/<script/);
      expect(text).not.toMatch(/<script|<iframe|\bon\w+\s*=|javascript:|style=/i);
      expect(strings.flatMap((item) => dangerousMarkup(item.value))).toEqual([]);
      expect(strings.map((item) => item.value).join('')).toContain('<a href="/work">the case studies</a>');
      expect(strings).toContainEqual({ key: 'href', value: '/contactus' });
    });

    it.each([
      ['the home page', '/content/home'],
      ['a service', '/content/services/cloud-architecture'],
      ['a case study', `/content/case-studies/${SAMPLE_SLUGS.normal}`],
    ])('answers every uploaded file of %s at an absolute URL on the CMS origin, where it downloads as the type it claims', async (_, path) => {
      const { json } = await get(api, path);
      const files = [...new Map(mediaFiles(json)).entries()];
      expect(files.length).toBeGreaterThan(0);
      for (const [url, mime] of files) {
        expect(url.startsWith(`${cmsOrigin(api)}/uploads/`)).toBe(true);
        const download = await fetch(url);
        await download.arrayBuffer();
        expect([url, download.status, download.headers.get('content-type')]).toEqual([url, 200, mime]);
      }
    });

    it('keeps an absolute media URL as it is, gives a protocol-relative one https:, drops a query string and answers a javascript: image as none', async () => {
      const cms = await cmsGet(api, 'blogs?populate=image&pagination[pageSize]=100');
      const { json } = await get(api, '/content/case-studies');
      const imageOf = (document: any, slug: string) => document.data.find((entry: any) => entry.attributes.slug === slug).attributes.image.data;
      expect(imageOf(json, SAMPLE_SLUGS.absoluteImageUrl).attributes.url).toBe(imageOf(cms, SAMPLE_SLUGS.absoluteImageUrl).attributes.url);
      expect(imageOf(json, SAMPLE_SLUGS.protocolRelativeImageUrl).attributes.url).toBe(`https:${imageOf(cms, SAMPLE_SLUGS.protocolRelativeImageUrl).attributes.url}`);
      const withQuery = imageOf(json, SAMPLE_SLUGS.imageUrlWithQuery).attributes.url;
      expect(imageOf(cms, SAMPLE_SLUGS.imageUrlWithQuery).attributes.url).toContain('?');
      expect(withQuery).toBe(expectedFileUrl(api, imageOf(cms, SAMPLE_SLUGS.imageUrlWithQuery).attributes.url));
      expect((await fetch(withQuery)).status).toBe(200);
      expect(imageOf(cms, SAMPLE_SLUGS.javascriptImageUrl).attributes.url).toMatch(/^javascript:/);
      expect(imageOf(json, SAMPLE_SLUGS.javascriptImageUrl)).toBeNull();
      expect(imageOf(json, SAMPLE_SLUGS.noImage)).toBeNull();
    });

    it('answers only absolute http(s) URLs under every url key of every case study', async () => {
      const { json } = await get(api, '/content/case-studies');
      const urls = allStringsByKey(json).filter((item) => item.key === 'url').map((item) => item.value);
      expect(urls.length).toBeGreaterThan(20);
      expect(urls.filter((url) => !/^https?:$/.test(new URL(url).protocol) || url.includes('?'))).toEqual([]);
    });
  });

  describe('metrics', () => {
    const dimensionSets = [['service', 'stage', 'route'], ['service', 'stage']];

    it('counts a served answer once, by route and for the stage', async () => {
      const { metrics } = await loggedDuring(api, 'ContentServices', () => get(api, '/content/services?nav=true&locale=pt'));
      const line = metrics.find((candidate) => metricNames([candidate]).length > 0)!;
      expect(metricNames(metrics)).toEqual(['ContentServed']);
      expect(line._aws.CloudWatchMetrics.map((directive) => [directive.Namespace, directive.Dimensions])).toEqual([[METRICS_NAMESPACE, dimensionSets]]);
      expect(line).toMatchObject({ service: SERVICE_NAME, stage: api.config.stage, route: 'ContentServices', ContentServed: 1 });
    });

    type Outcome = readonly [what: string, routeId: string, path: string, before: 'nothing' | 'warm' | 'revalidate', expected: readonly string[]];
    const OUTCOMES: readonly Outcome[] = [
      ['an answer from the cache', 'ContentHistories', '/content/histories?locale=pt', 'warm', ['CmsCacheHit', 'ContentServed']],
      ['a 304', 'ContentHistories', '/content/histories?locale=pt', 'revalidate', ['CmsCacheHit', 'ContentNotModified']],
      ['a refused request', 'ContentHistories', '/content/histories?locale=xx', 'nothing', ['ContentRejected']],
      ['a malformed path', 'ContentService', '/content/services/Not_A_Slug', 'nothing', ['ContentNotFound']],
      ['a slug the CMS does not have', 'ContentCaseStudy', '/content/case-studies/never-heard-of-it', 'nothing', ['ContentNotFound']],
      ['a slug the CMS did not have a moment ago', 'ContentCaseStudy', '/content/case-studies/never-heard-of-it', 'nothing', ['CmsCacheHit', 'ContentNotFound']],
    ];

    it.each(OUTCOMES)('counts %s', async (_, routeId, path, before, expected) => {
      const warm = before === 'nothing' ? undefined : await get(api, path);
      const headers: Record<string, string> = before === 'revalidate' ? { 'if-none-match': warm!.headers.get('etag')! } : {};
      const { metrics } = await loggedDuring(api, routeId, () => get(api, path, headers));
      const counted = metrics.filter((line) => metricNames([line]).length > 0);
      expect(metricNames(metrics)).toEqual([...expected].sort());
      expect(counted.map((line) => [line.route, line.stage, line._aws.CloudWatchMetrics.map((directive) => directive.Dimensions)])).toEqual(counted.map(() => [routeId, api.config.stage, [dimensionSets]]));
    });
  });

  describe('the CMS token', () => {
    it('is sent to the CMS, and never answered in a body or a header, whatever the answer', async () => {
      const paths = [
        ...ROUTE_EXAMPLES.map(([, path]) => path),
        '/content/home?locale=gr',
        '/content/legal/terms-of-service?locale=es',
        '/content/case-studies?page=2&pageSize=2',
        '/content/home?locale=xx',
        '/content/case-studies?populate=*&filters[slug]=x',
        '/content/case-studies?page=2&page=3',
        '/content/case-studies/Bad_Slug',
        '/content/case-studies/no-such-thing',
        '/content/legal/imprint',
        '/content/nothing-here',
      ];
      const answers: Fetched[] = [];
      for (const path of paths) {
        const answer = await get(api, path);
        answers.push(answer);
        if (answer.headers.get('etag')) answers.push(await get(api, path, { 'if-none-match': answer.headers.get('etag')! }));
      }
      expect(new Set(answers.map((answer) => answer.status))).toEqual(new Set([200, 304, 400, 404]));
      expect(cmsCalls(api).every((request) => request.authorization === `Bearer ${api.cmsToken}`)).toBe(true);
      expect(cmsCalls(api).length).toBeGreaterThan(0);
      const leaks = answers.filter((answer) => answer.text.includes(api.cmsToken) || [...answer.headers].some(([name, value]) => `${name}: ${value}`.includes(api.cmsToken)));
      expect(leaks).toEqual([]);
    });

    it('is never written to the logs of a content function', () => {
      const logged = ROUTE_EXAMPLES.flatMap(([id]) => api.emulator.logs(id));
      expect(logged.length).toBeGreaterThan(0);
      expect(logged.filter((line) => line.includes(api.cmsToken))).toEqual([]);
    });
  });
});

describe('the content routes when the CMS fails', () => {
  let api: LocalApi;
  beforeAll(async () => {
    // Answers expire after a second; a stale copy or a 404 is kept downstream for 5 s.
    api = await startQuietLocalApi('content-failing', { config: { cmsTimeoutMs: 500, content: { ttlSeconds: 1, notFoundTtlSeconds: 5 } } });
  }, 60_000);
  afterAll(() => api?.close());
  afterEach(() => api.contentServer!.setFault(null));

  it.each(CMS_FAILURES)('answers 502, never 404 or 200, when the CMS %s and there is no copy', async (_, fault) => {
    api.contentServer!.setFault(fault);
    const { status, headers, json, text } = await get(api, '/content/careers');
    expect(status).toBe(502);
    expect(headers.get('cache-control')).toBe('no-store');
    expect([headers.get('etag'), headers.get('content-language')]).toEqual([null, null]);
    expect(json).toEqual({ status: 'error', message: 'The content is unavailable just now; please try again shortly', details: {} });
    expect(text).not.toContain(api.cmsToken);
  });

  it.each(ROUTE_EXAMPLES)('answers 502 on %s when the CMS fails before it ever answered, and counts it', async (routeId, path) => {
    api.contentServer!.setFault({ kind: 'status', status: 500 });
    const { result, metrics, lines } = await loggedDuring(api, routeId, () => get(api, path));
    expect(result.status).toBe(502);
    expect(result.json.status).toBe('error');
    expect(metricNames(metrics)).toEqual(['CmsRequestFailed', 'ContentUnavailable']);
    expect(metrics.find((line) => line.ContentUnavailable === 1)).toMatchObject({ route: routeId, stage: api.config.stage });
    expect(lines.find((line) => line.level === 'ERROR')).toMatchObject({ message: 'CMS request failed; no copy to serve', reason: 'status', status: 500 });
  });

  it('answers 502, not 404, for a slug it never saw while the CMS fails', async () => {
    api.contentServer!.setFault({ kind: 'reset' });
    const { status } = await get(api, '/content/case-studies/a-slug-never-asked-for');
    expect(status).toBe(502);
  });

  it('serves the last good copy when the CMS fails after it expired: the same body and tag, briefly cacheable, counted as stale', async () => {
    const fresh = await get(api, '/content/histories?locale=es');
    expect(fresh.status).toBe(200);
    await sleep(1100);
    api.contentServer!.setFault({ kind: 'status', status: 503 });
    api.contentServer!.clearRequests();
    const { result: stale, metrics, lines } = await loggedDuring(api, 'ContentHistories', () => get(api, '/content/histories?locale=es'));
    const callsDuringStale = cmsCalls(api).length;
    expect(callsDuringStale).toBeGreaterThan(0);
    expect(stale.status).toBe(200);
    expect(stale.text).toBe(fresh.text);
    expect([stale.headers.get('etag'), stale.headers.get('content-language')]).toEqual([fresh.headers.get('etag'), 'es']);
    expect(stale.headers.get('cache-control')).toBe('public, max-age=5, s-maxage=5');
    expect(metricNames(metrics)).toEqual(['CmsRequestFailed', 'ContentServed', 'ContentStale']);
    expect(metrics.find((line) => line.ContentStale === 1)!._aws.CloudWatchMetrics[0]!.Dimensions).toEqual([['service', 'stage', 'route'], ['service', 'stage']]);
    expect(lines.find((line) => line.level === 'WARN')).toMatchObject({ message: 'CMS request failed; serving the last good copy', reason: 'status', status: 503, parameters: { locale: 'es' } });

    // Revalidating against the stale copy: still a 304, still briefly cacheable.
    const revalidated = await loggedDuring(api, 'ContentHistories', () => get(api, '/content/histories?locale=es', { 'if-none-match': fresh.headers.get('etag')! }));
    expect([revalidated.result.status, revalidated.result.text, revalidated.result.headers.get('cache-control')]).toEqual([304, '', 'public, max-age=5, s-maxage=5']);
    expect(metricNames(revalidated.metrics)).toEqual(expect.arrayContaining(['ContentNotModified', 'ContentStale']));
    expect(metricNames(revalidated.metrics)).not.toContain('ContentServed');
    // Within the backoff after the failure the CMS is not asked again, so no CMS request failed this time.
    expect(metricNames(revalidated.metrics)).not.toContain('CmsRequestFailed');
    expect(cmsCalls(api).length).toBe(callsDuringStale);
  });

  it('never answers the CMS token while failing', async () => {
    api.contentServer!.setFault({ kind: 'status', status: 401 });
    const answers = await Promise.all(['/content/home?locale=pt', '/content/services/software-engineering', '/sitemap.xml'].map((path) => get(api, path)));
    expect(answers.map((answer) => answer.status)).toEqual([502, 502, 502]);
    expect(answers.filter((answer) => answer.text.includes(api.cmsToken) || [...answer.headers].some(([, value]) => value.includes(api.cmsToken)))).toEqual([]);
    expect(ROUTE_EXAMPLES.flatMap(([id]) => api.emulator.logs(id)).filter((line) => line.includes(api.cmsToken))).toEqual([]);
  });
});

describe('the content routes on a Strapi v5 CMS', () => {
  // `fr` is offered by the site but has no content in the CMS: every localized route falls back.
  const LOCALES = { locales: ['en', 'es', 'pt', 'el', 'fr'] };
  let v4: LocalApi;
  let v5: LocalApi;
  beforeAll(async () => {
    [v4, v5] = await Promise.all([
      startQuietLocalApi('content-strapi-v4', { config: { content: LOCALES } }),
      startQuietLocalApi('content-strapi-v5', { config: { content: LOCALES }, contentServer: { apiVersion: 5 } }),
    ]);
  }, 60_000);
  afterAll(() => Promise.all([v4?.close(), v5?.close()]));

  const PATHS = [
    ...ROUTE_EXAMPLES.map(([, path]) => path),
    '/content/home?locale=es',
    '/content/home?locale=gr',
    '/content/home?locale=fr',
    '/content/histories?locale=pt',
    '/content/histories?locale=fr',
    '/content/legal/terms-of-service?locale=es',
    '/content/legal/cookie-policy?locale=es',
    '/content/legal/cookie-policy?locale=fr',
    '/content/services?nav=true',
    '/content/services?nav=false&locale=es',
    '/content/services/ux-design',
    '/content/services/cloud-architecture?locale=pt',
    '/content/case-studies?page=2&pageSize=4',
    ...SAMPLE_SLUGS.map((slug) => `/content/case-studies/${slug}`),
    `/content/case-studies/${SAMPLE_DRAFT_SLUG}`,
    '/content/case-studies/no-such-case-study',
    '/content/legal/imprint',
    '/content/case-studies?pageSize=500',
  ];

  it.each(PATHS)('answers %s as it does on Strapi v4', async (path) => {
    const [a, b] = await Promise.all([get(v4, path), get(v5, path)]);
    const normalise = (text: string, api: LocalApi) => text.replaceAll(api.contentServer!.url, 'CMS');
    const headers = (answer: Fetched) => ['content-type', 'content-language', 'cache-control'].map((name) => answer.headers.get(name));
    expect(b.status).toBe(a.status);
    expect(headers(b)).toEqual(headers(a));
    expect(normalise(b.text, v5)).toBe(normalise(a.text, v4));
  });

  it('falls back to the English home page for a locale the CMS has no version of, on both', async () => {
    for (const api of [v4, v5]) {
      const { status, headers, json } = await get(api, '/content/home?locale=fr');
      expect([status, headers.get('content-language'), json.data.attributes.locale]).toEqual([200, 'en', 'en']);
    }
  });

  it('tags equal answers with equal ETags, whichever CMS and container answered', async () => {
    const [a, b] = await Promise.all([get(v4, '/content/histories'), get(v5, '/content/histories')]);
    expect(b.text).toBe(a.text);
    expect(b.headers.get('etag')).toBe(a.headers.get('etag'));
  });

  it('answers no documentId or other private field, though Strapi v5 sends them', async () => {
    const cms = await cmsGet(v5, `blogs?filters[slug]=${SAMPLE_SLUGS.normal}&populate=image`);
    expect(Object.keys(cms.data[0])).toContain('documentId');
    for (const [, path] of JSON_ROUTE_EXAMPLES) {
      const keys = allKeys((await get(v5, path)).json);
      expect([path, PRIVATE_FIELDS.filter((field) => keys.has(field))]).toEqual([path, []]);
    }
  });
});
