import { contentHandler } from '../content-handler';

/** `GET /content/careers`: the open positions. */
export const handler = contentHandler({
  answer: (library) => library.careers(),
});
