import { contentHandler } from '../content-handler';
import { localeParameter, slugParameter } from '../parameters';

/** `GET /content/services/{slug}?locale=`: one service page. */
export const handler = contentHandler({
  query: ({ locales }) => ({ locale: localeParameter(locales) }),
  path: { slug: slugParameter },
  answer: (library, { slug, locale }) => library.service(slug, locale),
  notFound: 'There is no service with this slug',
});
