import type { ContentServer } from '../../local/content-server';

export const TOKEN = 'test-token';

/** A JSON answer, its body left untyped: tests walk into it by the paths Strapi documents. */
export interface JsonAnswer {
  readonly status: number;
  readonly headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

/** GETs `path` (with its query string, sent as written) with the test token unless `authorization` says otherwise. */
export async function getJson(server: ContentServer, path: string, authorization: string | null = `Bearer ${TOKEN}`): Promise<JsonAnswer> {
  const response = await fetch(`${server.url}${path}`, { headers: authorization === null ? {} : { authorization } });
  return { status: response.status, headers: response.headers, body: await response.json() };
}
