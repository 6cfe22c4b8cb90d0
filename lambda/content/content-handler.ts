import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { CachedLookups, type Lookup } from '../shared/cms/cached-lookups';
import { cmsFromEnvironment } from '../shared/cms/from-environment';
import { CmsError } from '../shared/errors';
import { positiveIntegerEnv, requireEnv } from '../shared/env';
import { ifNoneMatchMatches, strongEtag } from '../shared/etag';
import { instrumentedHandler, type HttpHandler } from '../shared/instrumented-handler';
import { countAlsoByRoute, logger, metrics } from '../shared/powertools';
import { errorResponse, type HttpResponse } from '../shared/responses';
import { ContentLibrary, type Answer } from './content-library';
import { parseParameters, type LocaleSettings, type ParameterSchemas, type ParsedParameters } from './parameters';

/** What a content route's questions may depend on besides their parameters. */
export interface ContentSettings {
  readonly locales: LocaleSettings;
}

/** A document written out for the wire. */
export interface Representation {
  readonly contentType: string;
  readonly body: string;
}

/** One content route: the parameters it takes, and the question it asks the library. */
export interface ContentRoute<Query extends ParameterSchemas, Path extends ParameterSchemas, Document> {
  /**
   * Query parameters by name; any other name, or a bad value, is a 400.
   * @default - none: every query parameter is a 400
   */
  readonly query?: (settings: ContentSettings) => Query;
  /**
   * Path parameters by name; a value that cannot name anything is a 404, and the CMS is not asked.
   * @default - none
   */
  readonly path?: Path;
  /** The answer, or undefined when the CMS has nothing for these parameters (a 404). */
  readonly answer: (library: ContentLibrary, parameters: ParsedParameters<Query> & ParsedParameters<Path>) => Promise<Answer<Document> | undefined>;
  /**
   * What a 404 says.
   * @default 'There is nothing at this address'
   */
  readonly notFound?: string;
  /**
   * How a document is written out.
   * @default JSON
   */
  readonly represent?: (document: Document) => Representation;
}

/** An answer as it is cached and served: written once, tagged once. */
interface Entity extends Representation {
  readonly etag: string;
  readonly contentLanguage?: string;
}

/**
 * Memory the cached answers of one function may take (two bytes a character): a quarter of a 256 MB
 * function, however many pages and page sizes clients ask for.
 */
const MAX_CACHED_BYTES = 64 * 1024 * 1024;

/** Lambda refuses a response over 6 MB: a larger answer (say, markup escaped to five times its size) is not one to give. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

const asJson = (document: unknown): Representation => ({ contentType: 'application/json; charset=utf-8', body: JSON.stringify(document) });

/** The locale settings the stack passes: `CONTENT_LOCALES=en,es`, `CONTENT_DEFAULT_LOCALE=en`, `CONTENT_LOCALE_ALIASES=gr:el`. */
function localesFromEnvironment(): LocaleSettings {
  const list = (name: string) => requireEnv(name).split(',').filter((item) => item !== '');
  const aliases = process.env.CONTENT_LOCALE_ALIASES ? list('CONTENT_LOCALE_ALIASES') : [];
  return {
    locales: list('CONTENT_LOCALES'),
    defaultLocale: requireEnv('CONTENT_DEFAULT_LOCALE'),
    aliases: Object.fromEntries(aliases.map((pair) => pair.split(':') as [string, string])),
  };
}

/**
 * The handler of a content route: parameters validated at the edge, the
 * answer cached per container for the route's TTL and served with a strong
 * ETag (304 to a matching `If-None-Match`) and CDN caching headers; when the
 * CMS fails, the last good copy, else a 502. Every outcome is counted for
 * the route and for the stage.
 */
export function contentHandler<Query extends ParameterSchemas = Record<never, never>, Path extends ParameterSchemas = Record<never, never>, Document = unknown>(
  route: ContentRoute<Query, Path, Document>,
): HttpHandler {
  const routeId = requireEnv('CONTENT_ROUTE');
  const ttlSeconds = positiveIntegerEnv('CONTENT_TTL_SECONDS');
  const notFoundTtlSeconds = positiveIntegerEnv('CONTENT_NOT_FOUND_TTL_SECONDS');
  const staleWhileRevalidateSeconds = positiveIntegerEnv('CONTENT_STALE_WHILE_REVALIDATE_SECONDS');
  const settings: ContentSettings = { locales: localesFromEnvironment() };
  const { cms, cmsUrl } = cmsFromEnvironment();
  const library = new ContentLibrary(cms, { cmsUrl, locales: settings.locales });
  const lookups = new CachedLookups<Entity>({ foundTtlSeconds: ttlSeconds, notFoundTtlSeconds, maxFoundWeight: MAX_CACHED_BYTES, weigh: (entity) => entity.body.length * 2 });
  const querySchemas = route.query?.(settings) ?? ({} as Query);
  const pathSchemas = route.path ?? ({} as Path);
  const represent = route.represent ?? asJson;
  const notFoundMessage = route.notFound ?? 'There is nothing at this address';

  const freshCaching = `public, max-age=${Math.min(60, ttlSeconds)}, s-maxage=${ttlSeconds}, stale-while-revalidate=${staleWhileRevalidateSeconds}`;
  // A stale copy or a 404 is kept only briefly downstream, so the next request asks again soon. Every cacheable answer
  // varies by Origin: the gateway adds CORS headers only for an allowed one, so a copy made for another must not serve it.
  const briefCaching = `public, max-age=${notFoundTtlSeconds}, s-maxage=${notFoundTtlSeconds}`;

  return instrumentedHandler(async (event) => {
    countAlsoByRoute(routeId);
    const query = parseParameters(querySchemas, event.queryStringParameters);
    if (!query.success) {
      count('ContentRejected');
      return errorResponse(400, `Invalid query parameters: ${Object.keys(query.problems).join(', ')}`, { parameters: query.problems });
    }
    const path = parseParameters(pathSchemas, event.pathParameters);
    if (!path.success) return notFound();
    const parameters = { ...query.parameters, ...path.parameters };

    const lookup = await lookups.lookup(JSON.stringify(parameters), async () => {
      const answer = await route.answer(library, parameters);
      if (!answer) return undefined;
      const representation = represent(answer.document);
      if (Buffer.byteLength(representation.body) > MAX_BODY_BYTES) throw new CmsError('unreadable', `${routeId}: an answer over ${MAX_BODY_BYTES} bytes`);
      return { ...representation, etag: strongEtag(representation.body), ...(answer.locale ? { contentLanguage: answer.locale } : {}) };
    });
    record(lookup, parameters);
    switch (lookup.outcome) {
      case 'found':
      case 'stale':
        return serve(lookup.value, lookup.outcome === 'found' ? freshCaching : briefCaching, event.headers['if-none-match']);
      case 'not-found':
        return notFound();
      case 'unavailable':
        return errorResponse(502, 'The content is unavailable just now; please try again shortly');
    }
  });

  function serve(entity: Entity, cacheControl: string, ifNoneMatch: string | undefined): HttpResponse {
    const headers = { etag: entity.etag, 'cache-control': cacheControl, vary: 'Origin', ...(entity.contentLanguage ? { 'content-language': entity.contentLanguage } : {}) };
    if (ifNoneMatchMatches(ifNoneMatch, entity.etag)) {
      count('ContentNotModified');
      // The type too: API Gateway would add text/plain, and a cache updating its copy's headers from a 304 would take it.
      return { statusCode: 304, headers: { 'content-type': entity.contentType, ...headers }, body: '' };
    }
    count('ContentServed');
    return { statusCode: 200, headers: { 'content-type': entity.contentType, 'x-content-type-options': 'nosniff', ...headers }, body: entity.body };
  }

  function notFound(): HttpResponse {
    count('ContentNotFound');
    return errorResponse(404, notFoundMessage, {}, { 'cache-control': briefCaching, vary: 'Origin' });
  }
}

function count(metricName: string): void {
  metrics.addMetric(metricName, MetricUnit.Count, 1);
}

function record(lookup: Lookup<Entity>, parameters: Record<string, unknown>): void {
  switch (lookup.outcome) {
    case 'found':
    case 'not-found':
      if (lookup.source === 'cache') count('CmsCacheHit');
      return;
    case 'stale':
      count('ContentStale');
      // Within the backoff after a failure the CMS was not asked: nothing failed this time.
      if (lookup.source === 'backoff') return;
      logger.warn('CMS request failed; serving the last good copy', { parameters, reason: lookup.error.reason, status: lookup.error.status, path: lookup.error.path });
      count('CmsRequestFailed');
      return;
    case 'unavailable':
      logger.error('CMS request failed; no copy to serve', { parameters, reason: lookup.error.reason, status: lookup.error.status, path: lookup.error.path });
      count('ContentUnavailable');
      count('CmsRequestFailed');
  }
}
