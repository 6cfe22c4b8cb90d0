import { contentHandler } from '../content-handler';
import { slugParameter } from '../parameters';

/** `GET /content/case-studies/{slug}`: one case study. */
export const handler = contentHandler({
  path: { slug: slugParameter },
  answer: (library, { slug }) => library.caseStudy(slug),
  notFound: 'There is no case study with this slug',
});
