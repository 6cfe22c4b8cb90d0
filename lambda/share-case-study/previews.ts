import { CachedLookups, type Lookup } from '../shared/cms/cached-lookups';
import type { CmsClient } from '../shared/cms/client';
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
export type PreviewLookup = Lookup<SharePreview>;

export const DEFAULT_DESCRIPTION = 'A case study by Marchcroft, a software consultancy.';
export const DEFAULT_TITLE = 'Marchcroft case study';
const DESCRIPTION_LENGTH = 200;
const TITLE_LENGTH = 200;

/** Case study previews by slug, cached per container (see {@link CachedLookups}). */
export class CaseStudyPreviews {
  private readonly lookups: CachedLookups<SharePreview>;

  constructor(
    private readonly cms: CmsClient,
    private readonly settings: PreviewSettings,
    now: () => number = Date.now,
  ) {
    this.lookups = new CachedLookups({ foundTtlSeconds: settings.foundTtlSeconds, notFoundTtlSeconds: settings.notFoundTtlSeconds, now });
  }

  lookup(slug: string): Promise<PreviewLookup> {
    return this.lookups.lookup(slug, async () => {
      const caseStudy = await findCaseStudy(this.cms, slug);
      return caseStudy && previewOf(caseStudy, this.settings);
    });
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
