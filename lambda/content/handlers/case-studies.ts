import { contentHandler } from '../content-handler';
import { pageParameter, pageSizeParameter } from '../parameters';

/** `GET /content/case-studies?page=&pageSize=`: case studies, newest first. */
export const handler = contentHandler({
  query: () => ({ page: pageParameter, pageSize: pageSizeParameter }),
  answer: (library, { page, pageSize }) => library.caseStudies({ page, pageSize }),
});
