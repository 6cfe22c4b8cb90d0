import { InFlight, MemoryCache } from '../shared/cache';
import type { CmsClient } from '../shared/cms/client';
import { isCmsError, type CmsError } from '../shared/errors';
import { decodeText, htmlToPlainText, truncateOnWord } from '../shared/html';
import { findCaseStudy, type CaseStudy } from './case-study';
import { chooseShareImage } from './image';
import type { SharePreview } from './page';

export interface PreviewSettings {
  /** Base URL of the CMS, against which relative media URLs resolve. */
  readonly cmsUrl: string;
  /** The image of a preview whose case study has none that crawlers show. */
  readonly defaultImageUrl: string;
  readonly foundTtlSeconds: number;
  readonly notFoundTtlSeconds: number;
}

/** How a preview was found, for the response and for metrics. */
export type PreviewLookup =
  | { readonly outcome: 'found'; readonly preview: SharePreview; readonly source: 'cms' | 'cache' }
  /** The CMS failed (now, or moments ago); this is the last good copy. */
  | { readonly outcome: 'stale'; readonly preview: SharePreview; readonly error: CmsError }
  | { readonly outcome: 'not-found'; readonly source: 'cms' | 'cache' }
  /** The CMS failed and there is no copy to fall back on. */
  | { readonly outcome: 'unavailable'; readonly error: CmsError };

export const DEFAULT_DESCRIPTION = 'A case study by Marchcroft, a software consultancy.';
export const DEFAULT_TITLE = 'Marchcroft case study';
const DESCRIPTION_LENGTH = 200;
const TITLE_LENGTH = 200;
/**
 * After a CMS failure, requests with a stale copy get it at once for this
 * long instead of each waiting out the CMS's time budget again.
 */
export const CMS_FAILURE_BACKOFF_MS = 10_000;

/**
 * Case study previews by slug, with per-container caches: found previews and
 * unknown slugs each kept for their TTLs, in separate stores so that requests
 * for made-up slugs can never push out a real page, which also stays as a
 * stale fallback for when the CMS fails.
 */
export class CaseStudyPreviews {
  private readonly found: MemoryCache<SharePreview>;
  private readonly notFound: MemoryCache<true>;
  private readonly loading = new InFlight<SharePreview | undefined>();
  private lastFailure?: { readonly error: CmsError; readonly at: number };

  constructor(
    private readonly cms: CmsClient,
    private readonly settings: PreviewSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.found = new MemoryCache({ maxEntries: 500, now });
    this.notFound = new MemoryCache({ maxEntries: 1000, now });
  }

  async lookup(slug: string): Promise<PreviewLookup> {
    const cached = this.found.get(slug);
    if (cached?.fresh) return { outcome: 'found', preview: cached.value, source: 'cache' };
    if (this.notFound.get(slug)?.fresh) return { outcome: 'not-found', source: 'cache' };
    if (cached && this.lastFailure && this.now() - this.lastFailure.at < CMS_FAILURE_BACKOFF_MS) {
      return { outcome: 'stale', preview: cached.value, error: this.lastFailure.error };
    }
    try {
      const preview = await this.loading.run(slug, () => this.load(slug));
      this.lastFailure = undefined;
      return preview ? { outcome: 'found', preview, source: 'cms' } : { outcome: 'not-found', source: 'cms' };
    } catch (error) {
      if (!isCmsError(error)) throw error;
      this.lastFailure = { error, at: this.now() };
      return cached ? { outcome: 'stale', preview: cached.value, error } : { outcome: 'unavailable', error };
    }
  }

  private async load(slug: string): Promise<SharePreview | undefined> {
    const caseStudy = await findCaseStudy(this.cms, slug);
    if (!caseStudy) {
      this.notFound.set(slug, true, this.settings.notFoundTtlSeconds);
      return undefined;
    }
    const preview = previewOf(caseStudy, this.settings);
    this.found.set(slug, preview, this.settings.foundTtlSeconds);
    return preview;
  }
}

/** What a case study's preview says, from what the CMS holds. */
export function previewOf(caseStudy: CaseStudy, settings: Pick<PreviewSettings, 'cmsUrl' | 'defaultImageUrl'>): SharePreview {
  return {
    // A title is plain text: markup in it is shown as typed, never stripped or run.
    title: truncateOnWord(decodeText(caseStudy.title ?? ''), TITLE_LENGTH) || DEFAULT_TITLE,
    description: describe(caseStudy),
    image: chooseShareImage(caseStudy.image, settings.cmsUrl) ?? { url: settings.defaultImageUrl },
    lang: caseStudy.locale && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(caseStudy.locale) ? caseStudy.locale : 'en',
  };
}

/**
 * The summary (`content`) as plain text, else the first body section with
 * any text, else the site's default; about 200 characters.
 */
export function describe(caseStudy: Pick<CaseStudy, 'summary' | 'sections'>): string {
  for (const source of [caseStudy.summary, ...caseStudy.sections]) {
    const plain = source ? htmlToPlainText(source) : '';
    if (plain) return truncateOnWord(plain, DESCRIPTION_LENGTH);
  }
  return DEFAULT_DESCRIPTION;
}
