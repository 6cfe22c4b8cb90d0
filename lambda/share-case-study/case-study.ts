import * as v from 'valibot';
import type { CmsClient } from '../shared/cms/client';
import { collection, singleMedia, type Media } from '../shared/cms/strapi';

/** The fields of a case study (a Strapi `blogs` entry) that its preview uses. */
const caseStudyFields = {
  blogTitle: v.nullish(v.string()),
  slug: v.string(),
  locale: v.nullish(v.string()),
  content: v.nullish(v.string()),
  blogContent: v.nullish(v.array(v.object({ content: v.nullish(v.string()) }))),
  image: v.nullish(singleMedia),
};

const caseStudies = collection(caseStudyFields);

export interface CaseStudy {
  readonly title?: string;
  readonly slug: string;
  readonly locale?: string;
  readonly summary?: string;
  readonly body?: string;
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
  const [entry] = await cms.get('blogs', query, caseStudies);
  if (!entry) return undefined;
  return {
    title: entry.blogTitle ?? undefined,
    slug: entry.slug,
    locale: entry.locale ?? undefined,
    summary: entry.content ?? undefined,
    body: entry.blogContent?.find((section) => section.content)?.content ?? undefined,
    image: entry.image ?? undefined,
  };
}
