import { contentHandler } from '../content-handler';
import { LEGAL_PAGE_NAMES, legalPageParameter, localeParameter } from '../parameters';

/** `GET /content/legal/{page}?locale=`: the privacy policy, the terms of service or the cookie policy. */
export const handler = contentHandler({
  query: ({ locales }) => ({ locale: localeParameter(locales) }),
  path: { page: legalPageParameter },
  answer: (library, { page, locale }) => library.legalPage(page, locale),
  notFound: `There is no such legal page; the pages are ${LEGAL_PAGE_NAMES.join(', ')}`,
});
