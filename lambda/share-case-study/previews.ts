import { MemoryCache } from '../shared/cache';
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
  /** The CMS failed; this is the last good copy. */
  | { readonly outcome: 'stale'; readonly preview: SharePreview; readonly error: CmsError }
  | { readonly outcome: 'not-found'; readonly source: 'cms' | 'cache' }
  /** The CMS failed and there is no copy to fall back on. */
  | { readonly outcome: 'unavailable'; readonly error: CmsError };

export const DEFAULT_DESCRIPTION = 'A case study by Marchcroft, a software consultancy.';
export const DEFAULT_TITLE = 'Marchcroft case study';
const DESCRIPTION_LENGTH = 200;

/**
 * Case study previews by slug, with a per-container cache: found previews
 * and unknown slugs are kept for their TTLs, and a found preview stays
 * available as a stale fallback for when the CMS fails.
 */
export class CaseStudyPreviews {
  constructor(
    private readonly cms: CmsClient,
    private readonly settings: PreviewSettings,
    private readonly cache = new MemoryCache<SharePreview | null>(),
  ) {}

  async lookup(slug: string): Promise<PreviewLookup> {
    const cached = this.cache.get(slug);
    if (cached?.fresh) {
      return cached.value ? { outcome: 'found', preview: cached.value, source: 'cache' } : { outcome: 'not-found', source: 'cache' };
    }
    try {
      const preview = await this.cache.loadOnce(slug, () => this.load(slug));
      return preview ? { outcome: 'found', preview, source: 'cms' } : { outcome: 'not-found', source: 'cms' };
    } catch (error) {
      if (!isCmsError(error)) throw error;
      return cached?.value ? { outcome: 'stale', preview: cached.value, error } : { outcome: 'unavailable', error };
    }
  }

  private async load(slug: string): Promise<SharePreview | null> {
    const caseStudy = await findCaseStudy(this.cms, slug);
    const preview = caseStudy ? previewOf(caseStudy, this.settings) : null;
    this.cache.set(slug, preview, preview ? this.settings.foundTtlSeconds : this.settings.notFoundTtlSeconds);
    return preview;
  }
}

/** What a case study's preview says, from what the CMS holds. */
export function previewOf(caseStudy: CaseStudy, settings: Pick<PreviewSettings, 'cmsUrl' | 'defaultImageUrl'>): SharePreview {
  return {
    // A title is plain text: markup in it is shown as typed, never stripped or run.
    title: decodeText(caseStudy.title ?? '') || DEFAULT_TITLE,
    description: describe(caseStudy),
    image: chooseShareImage(caseStudy.image, settings.cmsUrl) ?? { url: settings.defaultImageUrl },
    lang: caseStudy.locale && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(caseStudy.locale) ? caseStudy.locale : 'en',
  };
}

/** The summary (`content`) as plain text, else the first body section's text, else the site's default; about 200 characters. */
export function describe(caseStudy: Pick<CaseStudy, 'summary' | 'body'>): string {
  for (const source of [caseStudy.summary, caseStudy.body]) {
    const plain = source ? htmlToPlainText(source) : '';
    if (plain) return truncateOnWord(plain, DESCRIPTION_LENGTH);
  }
  return DEFAULT_DESCRIPTION;
}
