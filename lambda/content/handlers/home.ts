import { contentHandler } from '../content-handler';
import { localeParameter } from '../parameters';

/** `GET /content/home?locale=`: the home page. */
export const handler = contentHandler({
  query: ({ locales }) => ({ locale: localeParameter(locales) }),
  answer: (library, { locale }) => library.home(locale),
});
