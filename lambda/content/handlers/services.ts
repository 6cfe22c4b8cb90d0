import { contentHandler } from '../content-handler';
import { localeParameter, navParameter } from '../parameters';

/** `GET /content/services?nav=&locale=`: the services, or only those the navigation shows. */
export const handler = contentHandler({
  query: ({ locales }) => ({ nav: navParameter, locale: localeParameter(locales) }),
  answer: (library, { nav, locale }) => library.services({ nav, locale }),
});
