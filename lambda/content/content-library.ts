import type { CmsClient } from '../shared/cms/client';
import { CmsError, isCmsError } from '../shared/errors';
import { CAREERS, CASE_STUDIES, HISTORIES, HOME, LEGAL_PAGES, SERVICES, type ContentType } from './content-types';
import { collectionAnswer, onePage, singleAnswer, text, type ModelContext, type Pagination, type V4Entry } from './model';
import { MAX_PAGE_SIZE, type LegalPageName, type LocaleSettings } from './parameters';

/** A collection answer in Strapi v4's envelope. */
export interface CollectionDocument {
  readonly data: readonly V4Entry[];
  readonly meta: { readonly pagination: Pagination };
}

/** A single type's answer in Strapi v4's envelope. */
export interface SingleDocument {
  readonly data: V4Entry;
  readonly meta: Readonly<Record<string, never>>;
}

/** What a question is answered with, and for localized content the locale it is in (the asked one, or the default). */
export interface Answer<Document> {
  readonly document: Document;
  readonly locale?: string;
}

/** An entry's page on the site, for the sitemap. */
export interface Listing {
  readonly slug: string;
  readonly updatedAt?: string;
}

export interface ContentLibrarySettings extends ModelContext {
  readonly locales: LocaleSettings;
}

/**
 * Time for all of the sitemap's listings: they are read a page at a time, so a slow CMS with many pages
 * must fail as a timeout (a stale copy, or a 502) before the function's own 10 s end it as a 500.
 */
export const LISTINGS_BUDGET_MS = 6000;

/** Case studies answer their images and each section's image with them. */
const CASE_STUDY_POPULATE = ['image', 'blogContent', 'blogContent.image'];
const LISTING_FIELDS = { slug: text, updatedAt: text };

/**
 * The site's questions, each answered from the CMS by a query built here
 * from validated parameters only. Localized questions fall back to the
 * default locale when the asked one has no version (Strapi answers `[]`, or
 * 404 for a single type) and say which locale they answer in. Every CMS
 * failure is a {@link CmsError}; no AWS in here.
 */
export class ContentLibrary {
  private readonly readers;

  constructor(
    private readonly cms: CmsClient,
    private readonly settings: ContentLibrarySettings,
  ) {
    const collection = (type: ContentType) => collectionAnswer(type.fields, settings);
    this.readers = {
      caseStudies: collection(CASE_STUDIES),
      services: collection(SERVICES),
      histories: collection(HISTORIES),
      legalPages: collection(LEGAL_PAGES),
      careers: collection(CAREERS),
      home: singleAnswer(HOME.fields, settings),
      listings: collectionAnswer(LISTING_FIELDS, settings),
    };
  }

  async home(locale: string): Promise<Answer<SingleDocument> | undefined> {
    return this.inLocale(locale, async (asked) => {
      const query = populate(['solutions.icon', 'services', 'technologies.icon'], { locale: asked });
      try {
        return { data: await this.cms.get(HOME.path, query, this.readers.home), meta: {} };
      } catch (error) {
        // A single type without the locale is a 404 from Strapi; without the default one the CMS is not set up.
        if (asked !== this.settings.locales.defaultLocale && isCmsError(error) && error.status === 404) return undefined;
        throw error;
      }
    });
  }

  async histories(locale: string): Promise<Answer<CollectionDocument>> {
    return this.list(locale, (asked) => this.collection(HISTORIES.path, new URLSearchParams({ locale: asked, 'pagination[pageSize]': String(MAX_PAGE_SIZE) }), this.readers.histories));
  }

  async legalPage(page: LegalPageName, locale: string): Promise<Answer<CollectionDocument> | undefined> {
    return this.inLocale(locale, async (asked) => {
      const query = new URLSearchParams({ 'filters[title][$eq]': page, locale: asked });
      return only(await this.collection(LEGAL_PAGES.path, query, this.readers.legalPages), (entry) => entry.attributes.title === page);
    });
  }

  async services(options: { readonly nav?: boolean; readonly locale: string }): Promise<Answer<CollectionDocument>> {
    return this.list(options.locale, (asked) => {
      const query = new URLSearchParams({ locale: asked, 'pagination[pageSize]': String(MAX_PAGE_SIZE) });
      if (options.nav !== undefined) query.set('filters[onNavDisplay][$eq]', String(options.nav));
      return this.collection(SERVICES.path, query, this.readers.services);
    });
  }

  async service(slug: string, locale: string): Promise<Answer<CollectionDocument> | undefined> {
    return this.inLocale(locale, async (asked) => {
      const query = populate(['images', 'serviceContent'], { 'filters[slug][$eq]': slug, locale: asked });
      return only(await this.collection(SERVICES.path, query, this.readers.services), (entry) => entry.attributes.slug === slug);
    });
  }

  async caseStudies(options: { readonly page: number; readonly pageSize: number }): Promise<Answer<CollectionDocument>> {
    const query = populate(CASE_STUDY_POPULATE, { 'sort[0]': 'date:desc', 'pagination[page]': String(options.page), 'pagination[pageSize]': String(options.pageSize) });
    return { document: await this.collection(CASE_STUDIES.path, query, this.readers.caseStudies) };
  }

  async caseStudy(slug: string): Promise<Answer<CollectionDocument> | undefined> {
    const query = populate(CASE_STUDY_POPULATE, { 'filters[slug][$eq]': slug });
    const document = only(await this.collection(CASE_STUDIES.path, query, this.readers.caseStudies), (entry) => entry.attributes.slug === slug);
    return document && { document };
  }

  async careers(): Promise<Answer<CollectionDocument>> {
    // `career` is a component: without `populate` Strapi answers entries with nothing in them.
    return { document: await this.collection(CAREERS.path, populate(['career'], { 'pagination[pageSize]': String(MAX_PAGE_SIZE) }), this.readers.careers) };
  }

  /**
   * Every case study and every service (default locale), by slug, up to `limit` of each, for the sitemap;
   * a {@link CmsError} (`timeout`) when the pages take longer than {@link LISTINGS_BUDGET_MS} in all.
   */
  async listings(limit: number): Promise<{ readonly caseStudies: readonly Listing[]; readonly services: readonly Listing[] }> {
    const deadline = Date.now() + LISTINGS_BUDGET_MS;
    const [caseStudies, services] = await Promise.all([
      this.allListings(CASE_STUDIES.path, {}, limit, deadline),
      this.allListings(SERVICES.path, { locale: this.settings.locales.defaultLocale }, limit, deadline),
    ]);
    return { caseStudies, services };
  }

  private async allListings(path: string, extra: Record<string, string>, limit: number, deadline: number): Promise<Listing[]> {
    const listings = new Map<string, Listing>();
    for (let page = 1; listings.size < limit; page += 1) {
      if (Date.now() > deadline) throw new CmsError('timeout', `${path} (page ${page} of the listings, past their time budget)`);
      const query = new URLSearchParams({ ...extra, 'fields[0]': 'slug', 'fields[1]': 'updatedAt', 'sort[0]': 'slug:asc', 'pagination[page]': String(page), 'pagination[pageSize]': String(MAX_PAGE_SIZE) });
      const { entries, pagination } = await this.cms.get(path, query, this.readers.listings);
      const before = listings.size;
      for (const { attributes } of entries) {
        if (typeof attributes.slug === 'string' && attributes.slug !== '' && !listings.has(attributes.slug)) {
          listings.set(attributes.slug, { slug: attributes.slug, ...(typeof attributes.updatedAt === 'string' ? { updatedAt: attributes.updatedAt } : {}) });
        }
      }
      // The last page; or a CMS (or a proxy) that ignores the page asked for, which would repeat one page for ever.
      if (page >= pagination.pageCount || pagination.page !== page || listings.size === before) break;
    }
    return [...listings.values()].slice(0, limit);
  }

  private async collection(path: string, query: URLSearchParams, reader: ReturnType<typeof collectionAnswer>): Promise<CollectionDocument> {
    const { entries, pagination } = await this.cms.get(path, query, reader);
    return { data: entries, meta: { pagination } };
  }

  /** The answer in the asked locale, else in the default one; undefined when neither has one. */
  private async inLocale<Document>(locale: string, load: (asked: string) => Promise<Document | undefined>): Promise<Answer<Document> | undefined> {
    const asked = await load(locale);
    if (asked !== undefined) return { document: asked, locale };
    const fallback = this.settings.locales.defaultLocale;
    if (locale === fallback) return undefined;
    const document = await load(fallback);
    return document === undefined ? undefined : { document, locale: fallback };
  }

  /** A list in the asked locale, else the default one's; an empty list when neither has entries. */
  private async list(locale: string, load: (asked: string) => Promise<CollectionDocument>): Promise<Answer<CollectionDocument>> {
    const found = await this.inLocale(locale, async (asked) => {
      const document = await load(asked);
      return document.data.length > 0 ? document : undefined;
    });
    return found ?? { document: { data: [], meta: { pagination: onePage(0) } }, locale };
  }
}

/** A query that populates these fields (`populate=a&populate=b`), with these other parameters. */
function populate(fields: readonly string[], parameters: Record<string, string>): URLSearchParams {
  return new URLSearchParams([...fields.map((field): [string, string] => ['populate', field]), ...Object.entries(parameters)]);
}

/**
 * The one entry that matches, as a list of one; undefined when none does.
 * A CMS (or a proxy) that ignored the filter must not answer another entry.
 */
function only(document: CollectionDocument, matches: (entry: V4Entry) => boolean): CollectionDocument | undefined {
  const match = document.data.find(matches);
  return match && { data: [match], meta: { pagination: onePage(1) } };
}

