import * as v from 'valibot';
import type { CmsClient } from '../shared/cms/client';
import { collection, singleMedia, type Media } from '../shared/cms/strapi';

const lenientText = v.fallback(v.nullish(v.string()), null);

/**
 * The fields of a case study (a Strapi `blogs` entry) that its preview uses.
 * All but the slug are read leniently: a field of the wrong type is treated
 * as missing, so the page falls back to a default instead of failing.
 */
const caseStudyFields = {
  slug: v.string(),
  blogTitle: lenientText,
  locale: lenientText,
  content: lenientText,
  blogContent: v.fallback(v.nullish(v.array(v.fallback(v.object({ content: lenientText }), { content: null }))), null),
  image: v.fallback(v.nullish(singleMedia), null),
};

const caseStudies = collection(caseStudyFields);

export interface CaseStudy {
  readonly title?: string;
  readonly slug: string;
  readonly locale?: string;
  readonly summary?: string;
  /** The text of each body section, in order. */
  readonly sections: readonly string[];
  readonly image?: Media;
}

/** The case study with this slug, or undefined when the CMS has none. */
export async function findCaseStudy(cms: CmsClient, slug: string): Promise<CaseStudy | undefined> {
  const query = new URLSearchParams([
    ['filters[slug][$eq]', slug],
    ['populate', 'image'],
    // The description falls back to the first body section's text.
    ['populate', 'blogContent'],
  ]);
  // A CMS (or a proxy) that ignored the filter must not put another case study on this page.
  const entry = (await cms.get('blogs', query, caseStudies)).find((candidate) => candidate.slug === slug);
  if (!entry) return undefined;
  return {
    title: entry.blogTitle ?? undefined,
    slug: entry.slug,
    locale: entry.locale ?? undefined,
    summary: entry.content ?? undefined,
    sections: (entry.blogContent ?? []).flatMap((section) => (section.content ? [section.content] : [])),
    image: entry.image ?? undefined,
  };
}
