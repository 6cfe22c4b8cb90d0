import { contentHandler } from '../content-handler';
import { localeParameter } from '../parameters';

/** `GET /content/histories?locale=`: the milestones of the about page. */
export const handler = contentHandler({
  query: ({ locales }) => ({ locale: localeParameter(locales) }),
  answer: (library, { locale }) => library.histories(locale),
});
