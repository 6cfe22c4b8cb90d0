import { ContentLibrary, type ContentLibrarySettings } from '../../../lambda/content/content-library';
import { CmsError } from '../../../lambda/shared/errors';
import { FakeCms } from '../../support/fake-cms';
import { notFound, ScriptedCms } from './scripted-cms';

const SETTINGS: ContentLibrarySettings = {
  cmsUrl: 'https://cms.example.com',
  locales: { locales: ['en', 'es', 'el'], defaultLocale: 'en', aliases: { gr: 'el' } },
};

const entriesOf = (...attributes: Record<string, unknown>[]) => ({ data: attributes.map((fields, index) => ({ id: index + 1, attributes: fields })) });
const NOTHING = { data: [] };

/** Answers a request by its locale; a locale without a reply has nothing. */
function byLocale(replies: Record<string, unknown>) {
  return new ScriptedCms((_, query) => replies[query.get('locale') ?? ''] ?? NOTHING);
}

describe('ContentLibrary', () => {
  describe('asks the CMS', () => {
    let cms: FakeCms;
    let library: ContentLibrary;
    beforeEach(() => {
      cms = new FakeCms();
      library = new ContentLibrary(cms, SETTINGS);
    });
    const asked = () => cms.queries.map((query) => decodeURIComponent(query));

    it('for the home page in the locale, populating its components and relations', async () => {
      cms.answer = { data: { id: 1, heroTitle: 'Hello' } };
      await library.home('es');
      expect(asked()).toEqual(['home-content?populate=solutions.icon&populate=services&populate=technologies.icon&locale=es']);
    });

    it('for the histories in the locale, a whole page of them', async () => {
      cms.answer = entriesOf({ year: 2020 });
      await library.histories('el');
      expect(asked()).toEqual(['histories?locale=el&pagination[pageSize]=100']);
    });

    it('for a legal page by its title', async () => {
      cms.answer = entriesOf({ title: 'terms-of-service' });
      await library.legalPage('terms-of-service', 'en');
      expect(asked()).toEqual(['privacies?filters[title][$eq]=terms-of-service&locale=en']);
    });

    it.each([
      [undefined, 'services?locale=en&pagination[pageSize]=100'],
      [true, 'services?locale=en&pagination[pageSize]=100&filters[onNavDisplay][$eq]=true'],
      [false, 'services?locale=en&pagination[pageSize]=100&filters[onNavDisplay][$eq]=false'],
    ])('for the services with nav %j', async (nav, query) => {
      cms.answer = entriesOf({ slug: 'web' });
      await library.services({ nav, locale: 'en' });
      expect(asked()).toEqual([query]);
    });

    it('for a service by its slug, populating its images and modules', async () => {
      cms.answer = entriesOf({ slug: 'web' });
      await library.service('web', 'es');
      expect(asked()).toEqual(['services?populate=images&populate=serviceContent&filters[slug][$eq]=web&locale=es']);
    });

    it('for a page of case studies, newest first, populating their images and sections', async () => {
      await library.caseStudies({ page: 3, pageSize: 12 });
      expect(asked()).toEqual(['blogs?populate=image&populate=blogContent&populate=blogContent.image&sort[0]=date:desc&pagination[page]=3&pagination[pageSize]=12']);
    });

    it('for a case study by its slug, without a locale', async () => {
      await library.caseStudy('a-case');
      expect(asked()).toEqual(['blogs?populate=image&populate=blogContent&populate=blogContent.image&filters[slug][$eq]=a-case']);
    });

    it('for the careers, populating the career component', async () => {
      await library.careers();
      expect(asked()).toEqual(['careers?populate=career&pagination[pageSize]=100']);
    });

    it('for the listings of case studies and of services in the default locale, slugs and dates only', async () => {
      await library.listings(10);
      expect(asked().sort()).toEqual([
        'blogs?fields[0]=slug&fields[1]=updatedAt&sort[0]=slug:asc&pagination[page]=1&pagination[pageSize]=100',
        'services?locale=en&fields[0]=slug&fields[1]=updatedAt&sort[0]=slug:asc&pagination[page]=1&pagination[pageSize]=100',
      ]);
    });
  });

  describe('lists in a locale', () => {
    it('answers the asked locale when it has entries', async () => {
      const cms = byLocale({ es: entriesOf({ year: 2020, title: 'Fundación' }) });
      const answer = await new ContentLibrary(cms, SETTINGS).histories('es');
      expect(answer).toMatchObject({ locale: 'es', document: { data: [{ attributes: { title: 'Fundación' } }] } });
      expect(cms.queries).toHaveLength(1);
    });

    it('falls back to the default locale when the asked one has none, and says so', async () => {
      const cms = byLocale({ en: entriesOf({ year: 2020, title: 'Founded' }) });
      const answer = await new ContentLibrary(cms, SETTINGS).histories('es');
      expect(answer).toMatchObject({ locale: 'en', document: { data: [{ attributes: { title: 'Founded' } }] } });
      expect(cms.queries).toEqual(['histories?locale=es&pagination[pageSize]=100', 'histories?locale=en&pagination[pageSize]=100']);
    });

    it('answers an empty list in the asked locale when neither has entries', async () => {
      const cms = byLocale({});
      expect(await new ContentLibrary(cms, SETTINGS).services({ locale: 'el' })).toEqual({
        locale: 'el',
        document: { data: [], meta: { pagination: { page: 1, pageSize: 1, pageCount: 1, total: 0 } } },
      });
      expect(cms.queries).toHaveLength(2);
    });

    it('asks only once when the asked locale is the default one', async () => {
      const cms = byLocale({});
      expect(await new ContentLibrary(cms, SETTINGS).histories('en')).toMatchObject({ locale: 'en', document: { data: [] } });
      expect(cms.queries).toEqual(['histories?locale=en&pagination[pageSize]=100']);
    });

    it('falls back with the same filter when the locale has no navigation services', async () => {
      const cms = byLocale({ en: entriesOf({ slug: 'web', onNavDisplay: true }) });
      expect(await new ContentLibrary(cms, SETTINGS).services({ nav: true, locale: 'es' })).toMatchObject({ locale: 'en', document: { data: [{ attributes: { slug: 'web' } }] } });
      expect(cms.queries[1]).toBe('services?locale=en&pagination[pageSize]=100&filters[onNavDisplay][$eq]=true');
    });

    it('passes a CMS failure on rather than falling back', async () => {
      const cms = byLocale({ es: new CmsError('timeout', 'histories'), en: entriesOf({ year: 2020 }) });
      await expect(new ContentLibrary(cms, SETTINGS).histories('es')).rejects.toMatchObject({ name: 'CmsError', reason: 'timeout' });
      expect(cms.queries).toHaveLength(1);
    });
  });

  describe('home', () => {
    const home = (heroTitle: string) => ({ data: { id: 1, attributes: { heroTitle } }, meta: {} });

    it('answers the home page in the asked locale, in the v4 envelope', async () => {
      const answer = await new ContentLibrary(byLocale({ es: home('Hola') }), SETTINGS).home('es');
      expect(answer).toMatchObject({ locale: 'es', document: { data: { id: 1, attributes: { heroTitle: 'Hola' } }, meta: {} } });
    });

    it('falls back to the default locale when the asked one is a 404', async () => {
      const cms = byLocale({ es: notFound('home-content'), en: home('Hello') });
      expect(await new ContentLibrary(cms, SETTINGS).home('es')).toMatchObject({ locale: 'en', document: { data: { attributes: { heroTitle: 'Hello' } } } });
      expect(cms.queries.map((query) => new URLSearchParams(query.split('?')[1]).get('locale'))).toEqual(['es', 'en']);
    });

    it.each([
      ['the asked locale is the default one', 'en'],
      ['the fallback is a 404 too', 'es'],
    ])('passes the 404 on when %s: without a home page in the default locale the CMS is not set up', async (_, locale) => {
      const cms = byLocale({ es: notFound('home-content'), en: notFound('home-content') });
      await expect(new ContentLibrary(cms, SETTINGS).home(locale)).rejects.toMatchObject({ name: 'CmsError', status: 404 });
      expect(cms.queries).toHaveLength(locale === 'en' ? 1 : 2);
    });

    it.each([
      ['a server error', new CmsError('status', 'home-content', { status: 500 })],
      ['a timeout', new CmsError('timeout', 'home-content')],
    ])('passes %s in the asked locale on, without falling back', async (_, failure) => {
      const cms = byLocale({ es: failure, en: home('Hello') });
      await expect(new ContentLibrary(cms, SETTINGS).home('es')).rejects.toBe(failure);
      expect(cms.queries).toHaveLength(1);
    });

    it('calls an answer it cannot read unreadable, rather than missing', async () => {
      const cms = byLocale({ es: { data: { documentId: 'no-id' } } });
      await expect(new ContentLibrary(cms, SETTINGS).home('es')).rejects.toMatchObject({ name: 'CmsError', reason: 'unreadable' });
    });
  });

  describe('one entry by slug or title', () => {
    it('answers the service whose slug was asked for, as a list of one', async () => {
      const cms = byLocale({ es: entriesOf({ slug: 'other' }, { slug: 'web', title: 'Web' }) });
      expect(await new ContentLibrary(cms, SETTINGS).service('web', 'es')).toEqual({
        locale: 'es',
        document: { data: [expect.objectContaining({ id: 2, attributes: expect.objectContaining({ slug: 'web', title: 'Web' }) })], meta: { pagination: { page: 1, pageSize: 1, pageCount: 1, total: 1 } } },
      });
    });

    it('falls back to the service in the default locale', async () => {
      const cms = byLocale({ en: entriesOf({ slug: 'web', title: 'Web' }) });
      expect(await new ContentLibrary(cms, SETTINGS).service('web', 'es')).toMatchObject({ locale: 'en', document: { data: [{ attributes: { title: 'Web' } }] } });
    });

    it('answers nothing when the CMS answers another slug, as one that ignored the filter would', async () => {
      const cms = byLocale({ es: entriesOf({ slug: 'other' }), en: entriesOf({ slug: 'Web' }, { slug: 'web-2' }) });
      expect(await new ContentLibrary(cms, SETTINGS).service('web', 'es')).toBeUndefined();
      expect(cms.queries).toHaveLength(2);
    });

    it('answers nothing, asking once, for a service missing in the default locale', async () => {
      const cms = byLocale({});
      expect(await new ContentLibrary(cms, SETTINGS).service('web', 'en')).toBeUndefined();
      expect(cms.queries).toHaveLength(1);
    });

    it('answers the case study whose slug was asked for, without a locale', async () => {
      const cms = new ScriptedCms(() => entriesOf({ slug: 'b-case' }, { slug: 'a-case', blogTitle: 'A' }));
      const answer = await new ContentLibrary(cms, SETTINGS).caseStudy('a-case');
      expect(answer).toEqual({ document: { data: [expect.objectContaining({ id: 2 })], meta: { pagination: { page: 1, pageSize: 1, pageCount: 1, total: 1 } } } });
    });

    it.each([
      ['no case study', NOTHING],
      ['another case study', entriesOf({ slug: 'b-case' })],
      ['a case study without a slug', entriesOf({ blogTitle: 'A' })],
    ])('answers nothing when the CMS answers %s', async (_, reply) => {
      expect(await new ContentLibrary(new ScriptedCms(() => reply), SETTINGS).caseStudy('a-case')).toBeUndefined();
    });

    it('answers only the legal page whose title was asked for', async () => {
      const cms = byLocale({ es: entriesOf({ title: 'privacy', json: { title: 'Privacidad' } }, { title: 'terms-of-service' }) });
      const answer = await new ContentLibrary(cms, SETTINGS).legalPage('terms-of-service', 'es');
      expect(answer).toMatchObject({ locale: 'es', document: { data: [{ id: 2, attributes: { title: 'terms-of-service' } }] } });
      expect(answer?.document.data).toHaveLength(1);
    });

    it('falls back to the default locale when the asked one has only other legal pages', async () => {
      const cms = byLocale({ es: entriesOf({ title: 'cookie-policy' }), en: entriesOf({ title: 'privacy' }) });
      expect(await new ContentLibrary(cms, SETTINGS).legalPage('privacy', 'es')).toMatchObject({ locale: 'en', document: { data: [{ attributes: { title: 'privacy' } }] } });
    });

    it('answers nothing when no locale has the legal page', async () => {
      const cms = byLocale({ es: entriesOf({ title: 'cookie-policy' }), en: entriesOf({ title: 'Privacy' }) });
      expect(await new ContentLibrary(cms, SETTINGS).legalPage('privacy', 'es')).toBeUndefined();
    });
  });

  describe('case studies and careers', () => {
    it('answers a page of case studies with the CMS pagination and no locale', async () => {
      const cms = new ScriptedCms(() => ({ ...entriesOf({ slug: 'a' }, { slug: 'b' }), meta: { pagination: { page: 2, pageSize: 2, pageCount: 5, total: 9 } } }));
      const answer = await new ContentLibrary(cms, SETTINGS).caseStudies({ page: 2, pageSize: 2 });
      expect(answer.locale).toBeUndefined();
      expect(answer.document.meta.pagination).toEqual({ page: 2, pageSize: 2, pageCount: 5, total: 9 });
      expect(answer.document.data.map((entry) => entry.attributes.slug)).toEqual(['a', 'b']);
    });

    it('answers an empty page of case studies as it is', async () => {
      const cms = new ScriptedCms(() => ({ data: [], meta: { pagination: { page: 9, pageSize: 10, pageCount: 2, total: 15 } } }));
      expect(await new ContentLibrary(cms, SETTINGS).caseStudies({ page: 9, pageSize: 10 })).toEqual({
        document: { data: [], meta: { pagination: { page: 9, pageSize: 10, pageCount: 2, total: 15 } } },
      });
    });

    it('answers the careers without a locale', async () => {
      const cms = new ScriptedCms(() => ({ data: [{ id: 1, career: { id: 2, title: 'Engineer' } }] }));
      const answer = await new ContentLibrary(cms, SETTINGS).careers();
      expect(answer).toEqual({ document: { data: [{ id: 1, attributes: expect.objectContaining({ career: expect.objectContaining({ title: 'Engineer' }) }) }], meta: expect.anything() } });
    });
  });

  describe('listings', () => {
    /** A listing CMS with this many case studies and services, answering by page as Strapi does. */
    function listingCms(counts: { blogs: number; services: number }, pageSize = 100) {
      return new ScriptedCms((path, query) => {
        const total = counts[path as keyof typeof counts];
        const page = Number(query.get('pagination[page]'));
        const pageCount = Math.ceil(total / pageSize);
        const first = (page - 1) * pageSize;
        const slugs = Array.from({ length: Math.max(0, Math.min(pageSize, total - first)) }, (_, index) => `${path}-${first + index}`);
        return {
          data: slugs.map((slug, index) => ({ id: first + index + 1, slug, updatedAt: '2025-03-01T00:00:00.000Z' })),
          meta: { pagination: { page, pageSize, pageCount, total } },
        };
      });
    }
    const pagesAsked = (cms: ScriptedCms, path: string) =>
      cms.queries.filter((query) => query.startsWith(`${path}?`)).map((query) => Number(new URLSearchParams(query.split('?')[1]).get('pagination[page]')));

    it('pages through every page the CMS counts', async () => {
      const cms = listingCms({ blogs: 250, services: 3 });
      const listings = await new ContentLibrary(cms, SETTINGS).listings(50_000);
      expect(listings.caseStudies).toHaveLength(250);
      expect(listings.caseStudies[249]).toEqual({ slug: 'blogs-249', updatedAt: '2025-03-01T00:00:00.000Z' });
      expect(listings.services.map((listing) => listing.slug)).toEqual(['services-0', 'services-1', 'services-2']);
      expect(pagesAsked(cms, 'blogs')).toEqual([1, 2, 3]);
      expect(pagesAsked(cms, 'services')).toEqual([1]);
    });

    it('follows the page size the CMS answers with, when it caps the one asked for', async () => {
      const cms = listingCms({ blogs: 60, services: 0 }, 25);
      expect((await new ContentLibrary(cms, SETTINGS).listings(1000)).caseStudies).toHaveLength(60);
      expect(pagesAsked(cms, 'blogs')).toEqual([1, 2, 3]);
    });

    it('stops asking once it has the limit of each', async () => {
      const cms = listingCms({ blogs: 1000, services: 1000 });
      const listings = await new ContentLibrary(cms, SETTINGS).listings(150);
      expect(listings.caseStudies).toHaveLength(150);
      expect(listings.services).toHaveLength(150);
      expect(pagesAsked(cms, 'blogs')).toEqual([1, 2]);
      expect(pagesAsked(cms, 'services')).toEqual([1, 2]);
    });

    it('stops at an empty page even when the CMS counts more', async () => {
      const cms = new ScriptedCms((_, query) => ({
        data: query.get('pagination[page]') === '1' ? [{ id: 1, slug: 'only' }] : [],
        meta: { pagination: { page: Number(query.get('pagination[page]')), pageSize: 100, pageCount: 99, total: 9900 } },
      }));
      expect((await new ContentLibrary(cms, SETTINGS).listings(50_000)).caseStudies).toEqual([{ slug: 'only' }]);
      expect(pagesAsked(cms, 'blogs')).toEqual([1, 2]);
    });

    it('stops when the CMS answers another page than the one asked for, and lists each slug once', async () => {
      const samePage = { data: [{ id: 1, slug: 'a' }, { id: 2, slug: 'b' }], meta: { pagination: { page: 1, pageSize: 100, pageCount: 1000, total: 100_000 } } };
      const cms = new ScriptedCms(() => samePage);
      expect((await new ContentLibrary(cms, SETTINGS).listings(50_000)).caseStudies.map((listing) => listing.slug)).toEqual(['a', 'b']);
      expect(pagesAsked(cms, 'blogs')).toEqual([1, 2]);
    });

    it('stops at a page that brings no slug it has not seen', async () => {
      const cms = new ScriptedCms((_, query) => {
        const page = Number(query.get('pagination[page]'));
        return { data: [{ id: 1, slug: 'same' }], meta: { pagination: { page, pageSize: 100, pageCount: 1000, total: 100_000 } } };
      });
      expect((await new ContentLibrary(cms, SETTINGS).listings(50_000)).caseStudies).toEqual([{ slug: 'same' }]);
      expect(pagesAsked(cms, 'blogs')).toEqual([1, 2]);
    });

    it('asks for one page when the CMS answers without pagination', async () => {
      const cms = new ScriptedCms(() => ({ data: [{ id: 1, slug: 'a' }] }));
      await new ContentLibrary(cms, SETTINGS).listings(50_000);
      expect(pagesAsked(cms, 'blogs')).toEqual([1]);
    });

    it('leaves out entries without a slug, and dates that are not text', async () => {
      const cms = new ScriptedCms(() => ({
        data: [
          { id: 1, slug: 'a', updatedAt: '2025-03-01T00:00:00.000Z' },
          { id: 2, slug: '' },
          { id: 3, slug: null },
          { id: 4, slug: 'd', updatedAt: 1_740_787_200_000 },
          { id: 5, updatedAt: '2025-03-01T00:00:00.000Z' },
        ],
      }));
      expect((await new ContentLibrary(cms, SETTINGS).listings(10)).caseStudies).toEqual([{ slug: 'a', updatedAt: '2025-03-01T00:00:00.000Z' }, { slug: 'd' }]);
    });

    it('passes a CMS failure on', async () => {
      const cms = new ScriptedCms((path) => (path === 'services' ? new CmsError('network', path) : NOTHING));
      await expect(new ContentLibrary(cms, SETTINGS).listings(10)).rejects.toMatchObject({ name: 'CmsError', reason: 'network' });
    });
  });
});
