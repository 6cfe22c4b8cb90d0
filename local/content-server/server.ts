import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import qs from 'qs';
import type { ContentSet } from './content-set';
import { ContentIndex } from './content-index';
import { envelopeForStatus, forbidden, methodNotAllowed, notFound, StrapiError, unauthorized } from './errors';
import { answerFault, Delays, type ContentServerFault } from './faults';
import { findMany, findOne, findSingle } from './find';
import { MediaFiles, UPLOADS_PREFIX } from './media-files';
import { parseFindQuery, type ApiVersion } from './query';
import { sendJson } from './responses';
import { SAMPLE_CONTENT } from './sample-content';

export interface ContentServerOptions {
  /** Bearer token the server accepts. */
  readonly token: string;
  /** @default 0 (a free port) */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** Shape of answers: Strapi v4 (`data[].attributes`, media under `data.attributes`) or v5 (flat, `documentId`). @default 4 */
  readonly apiVersion?: ApiVersion;
  /** @default the sample content ({@link SAMPLE_CONTENT}) */
  readonly content?: ContentSet;
}

/** One request as received, before any fault or answer. */
export interface RecordedRequest {
  readonly method: string;
  /** The path as sent, without the query string (`/api/blogs`). */
  readonly path: string;
  /** The query string parsed as Strapi parses it (qs, `strictNullHandling`). */
  readonly query: Readonly<Record<string, unknown>>;
  /** The raw request target, path and query string as sent. */
  readonly url: string;
  readonly authorization: string | undefined;
}

export interface ContentServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash; the REST API is under `/api`. */
  readonly url: string;
  /** Every request received, oldest first. */
  readonly requests: readonly RecordedRequest[];
  clearRequests(): void;
  /** Makes every `/api` request fail this way until cleared with null; `/uploads` keeps working. */
  setFault(fault: ContentServerFault | null): void;
  /** Stops listening and destroys open connections (keep-alive ones too) and pending delays. */
  close(): Promise<void>;
}

/** Strapi's own qs settings (`@strapi/strapi` server): `?populate` alone parses to null. */
const QS_OPTIONS = { strictNullHandling: true, arrayLimit: 100, depth: 20 } as const;

/** An embedded Strapi-compatible CMS: the REST contract of `/api` and the public `/uploads` folder. */
export async function startContentServer(options: ContentServerOptions): Promise<ContentServer> {
  const index = new ContentIndex(options.content ?? SAMPLE_CONTENT);
  const media = new MediaFiles(index);
  const apiVersion = options.apiVersion ?? 4;
  const requests: RecordedRequest[] = [];
  const delays = new Delays();
  let fault: ContentServerFault | null = null;

  const answerApi = (request: IncomingMessage, path: string, query: Readonly<Record<string, unknown>>): unknown => {
    const [name = '', key, ...rest] = path.slice('/api/'.length).replace(/\/+$/, '').split('/').map(decodeSegment);
    const indexed = index.route(name);
    if (!indexed || rest.length > 0 || (key !== undefined && indexed.type.kind === 'singleType')) throw notFound();
    checkToken(request.headers.authorization, options.token);
    if (request.method !== 'GET' && request.method !== 'HEAD') throw methodNotAllowed();
    const findQuery = parseFindQuery(index, indexed, query, apiVersion);
    const context = { index, apiVersion, includeDrafts: findQuery.includeDrafts };
    if (indexed.type.kind === 'singleType') return findSingle(context, indexed, findQuery);
    return key === undefined ? findMany(context, indexed, findQuery) : findOne(context, indexed, findQuery, key);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = request.url ?? '/';
    const queryStart = url.indexOf('?');
    const path = queryStart === -1 ? url : url.slice(0, queryStart);
    const query = qs.parse(queryStart === -1 ? '' : url.slice(queryStart + 1), QS_OPTIONS) as Record<string, unknown>;
    requests.push({ method: request.method ?? 'GET', path, query, url, authorization: request.headers.authorization });

    if (path.startsWith(UPLOADS_PREFIX)) return serveUpload(response, media, path);
    if (path.startsWith('/api/') && fault) {
      const current = fault;
      if (current.kind !== 'delay') return answerFault(request, response, current);
      if (!(await delays.wait(current.ms))) return;
    }
    try {
      if (!path.startsWith('/api/')) throw notFound();
      sendJson(response, 200, answerApi(request, path, query));
    } catch (error) {
      if (error instanceof StrapiError) return sendJson(response, error.status, error.body);
      // A bug here, not a Strapi behaviour: answer as Strapi would, and say what broke.
      console.error('content server:', error);
      sendJson(response, 500, envelopeForStatus(500));
    }
  };

  const server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${address.port}`,
    get requests() {
      return [...requests];
    },
    clearRequests: () => void requests.splice(0),
    setFault: (next) => void (fault = next),
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        delays.cancelAll();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      })),
  };
}

/**
 * Strapi's API-token check: a header that is not `Bearer <token>` counts as
 * no credentials (the public role, which may not read: 403); a Bearer token
 * that is not the right one is 401.
 */
function checkToken(authorization: string | undefined, token: string): void {
  const parts = authorization?.split(/\s+/) ?? [];
  const [scheme, presented] = parts;
  if (parts.length !== 2 || scheme?.toLowerCase() !== 'bearer' || !presented) throw forbidden();
  if (presented !== token) throw unauthorized();
}

/** A path segment decoded; a malformed %-escape names nothing, so it becomes a name no route has. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

function serveUpload(response: ServerResponse, media: MediaFiles, path: string): void {
  let file: ReturnType<MediaFiles['get']>;
  try {
    file = media.get(decodeURI(path));
  } catch {
    file = undefined; // a malformed %-escape names no file
  }
  if (!file) return sendJson(response, 404, notFound().body);
  response.writeHead(200, { 'content-type': file.contentType, 'content-length': file.body.length, 'cache-control': 'max-age=60' });
  response.end(file.body);
}
