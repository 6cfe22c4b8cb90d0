import ky, { isHTTPError, isNetworkError, isTimeoutError, SchemaValidationError, type KyInstance } from 'ky';
import type { StandardSchemaV1 } from 'ky';
import { CmsError, type CmsFailureReason } from '../errors';

export interface CmsClientOptions {
  /** Base URL of the CMS; its REST API is under `/api`. */
  readonly baseUrl: string;
  /** Yields the Bearer token; called once per request, cached by its provider. */
  readonly token: () => Promise<string>;
  /** Time budget for one call, its retry included. */
  readonly timeoutMs: number;
}

/** Read access to the CMS's REST API. */
export interface CmsClient {
  /**
   * GETs `/api/<path>?<query>` and validates the JSON answer with `schema`.
   * Every failure (timeout, network, error status, unreadable body) is a {@link CmsError}.
   */
  get<Output>(path: string, query: URLSearchParams, schema: StandardSchemaV1<unknown, Output>): Promise<Output>;
}

export function createCmsClient(options: CmsClientOptions): CmsClient {
  const api: KyInstance = ky.create({
    prefix: `${options.baseUrl}/api/`,
    headers: { accept: 'application/json' },
    // One budget for the whole call, so the function always answers itself, well inside its own timeout.
    timeout: options.timeoutMs,
    totalTimeout: options.timeoutMs,
    retry: { limit: 1, methods: ['get'], statusCodes: [500, 502, 503, 504], afterStatusCodes: [], delay: () => 100 },
  });

  return {
    async get(path, query, schema) {
      const token = await options.token();
      try {
        return await api.get(path, { searchParams: query, headers: { authorization: `Bearer ${token}` } }).json(schema);
      } catch (error) {
        throw new CmsError(failureReason(error), path, { cause: error, status: isHTTPError(error) ? error.response.status : undefined });
      }
    },
  };
}

function failureReason(error: unknown): CmsFailureReason {
  if (isHTTPError(error)) return 'status';
  if (isTimeoutError(error)) return 'timeout';
  if (isNetworkError(error)) return 'network';
  if (error instanceof SchemaValidationError || error instanceof SyntaxError) return 'unreadable';
  return 'network';
}
