import type { ContentSet } from './content-set';
import { BLOG_SECTION, BLOG_SLUGS, BLOGS, DRAFT_BLOG_SLUG } from './sample-blogs';
import { HOME_CONTENT, HOME_SOLUTION, HOME_TECHNOLOGY } from './sample-home';
import { CAREER_POSITION, CAREERS, HISTORIES, PRIVACIES } from './sample-pages';
import { SERVICE_MODULE, SERVICES } from './sample-services';

/** What the content server answers by default: the types the marchcroft.com site reads, with invented content. */
export const SAMPLE_CONTENT: ContentSet = {
  types: [BLOGS, HOME_CONTENT, HISTORIES, PRIVACIES, SERVICES, CAREERS],
  components: {
    'blog.section': BLOG_SECTION,
    'home.solution': HOME_SOLUTION,
    'home.technology': HOME_TECHNOLOGY,
    'service.module': SERVICE_MODULE,
    'career.position': CAREER_POSITION,
  },
};

/**
 * Slugs of the published sample case studies, by name (`SAMPLE_SLUGS.noImage`)
 * or as a list (`SAMPLE_SLUGS[0]` is the plain case, `for (const slug of SAMPLE_SLUGS)`).
 * See {@link BLOG_SLUGS} for what each exercises.
 */
export const SAMPLE_SLUGS: readonly string[] & typeof BLOG_SLUGS = Object.freeze(Object.assign(Object.values(BLOG_SLUGS), BLOG_SLUGS));

/** A draft case study: only `publicationState=preview` (v4) or `status=draft` (v5) answers it. */
export const SAMPLE_DRAFT_SLUG = DRAFT_BLOG_SLUG;
