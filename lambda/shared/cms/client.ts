import ky, { isHTTPError, isTimeoutError, type KyInstance, type StandardSchemaV1 } from 'ky';
import { CmsError, type CmsFailureReason } from '../errors';

export interface CmsClientOptions {
  /** Base URL of the CMS; its REST API is under `/api`. */
  readonly baseUrl: string;
  /** Yields the Bearer token; called once per request, cached by its provider. */
  readonly token: () => Promise<string>;
  /** Time budget for one call, its retry and reading the answer included. */
  readonly timeoutMs: number;
  /**
   * Largest answer read, in bytes; a larger one is unreadable rather than a
   * function out of memory.
   * @default 2 MiB
   */
  readonly maxResponseBytes?: number;
}

/** Read access to the CMS's REST API. */
export interface CmsClient {
  /**
   * GETs `/api/<path>?<query>` and validates the JSON answer with `schema`.
   * Every failure (timeout, network, redirect, error status, unreadable or
   * oversized body) is a {@link CmsError}.
   */
  get<Output>(path: string, query: URLSearchParams, schema: StandardSchemaV1<unknown, Output>): Promise<Output>;
}

/** The answer could not be read as what was asked for. */
class UnreadableAnswer extends Error {}

export function createCmsClient(options: CmsClientOptions): CmsClient {
  const maxResponseBytes = options.maxResponseBytes ?? 2 * 1024 * 1024;
  const api: KyInstance = ky.create({
    prefix: `${options.baseUrl}/api/`,
    headers: { accept: 'application/json' },
    // One budget for the whole call, so the function always answers itself, well inside its own timeout.
    timeout: options.timeoutMs,
    totalTimeout: options.timeoutMs,
    retry: { limit: 1, methods: ['get'], statusCodes: [500, 502, 503, 504], afterStatusCodes: [], delay: () => 100 },
    // The API never redirects; following one would render (and cache) another host's answer.
    redirect: 'error',
  });

  return {
    async get(path, query, schema) {
      const token = await options.token();
      // Also bounds reading the body, which ky's own timeouts do not cover once the answer has arrived.
      const signal = AbortSignal.timeout(options.timeoutMs);
      try {
        const response = await api.get(path, { searchParams: query, headers: { authorization: `Bearer ${token}` }, signal });
        const text = await readText(response, maxResponseBytes);
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch (error) {
          throw new UnreadableAnswer('The CMS answer is not JSON', { cause: error });
        }
        let result: Awaited<ReturnType<typeof schema['~standard']['validate']>>;
        try {
          result = await schema['~standard'].validate(json);
        } catch (error) {
          // A reader that gives up (an answer nested past the stack, say) has met an answer it cannot read.
          throw new UnreadableAnswer('The CMS answer could not be read', { cause: error });
        }
        if (result.issues) throw new UnreadableAnswer(`The CMS answer does not fit: ${result.issues[0]?.message}`);
        return result.value;
      } catch (error) {
        throw new CmsError(failureReason(error, signal), path, { cause: error, status: isHTTPError(error) ? error.response.status : undefined });
      }
    },
  };
}

/** The body as text, refusing it past `maxBytes` without reading further. */
async function readText(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new UnreadableAnswer(`The CMS answer declares ${declared} bytes, over ${maxBytes}`);
  }
  const chunks: Uint8Array[] = [];
  let received = 0;
  for await (const chunk of response.body ?? []) {
    received += chunk.byteLength;
    if (received > maxBytes) throw new UnreadableAnswer(`The CMS answer is over ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function failureReason(error: unknown, signal: AbortSignal): CmsFailureReason {
  if (isHTTPError(error)) return 'status';
  if (isTimeoutError(error) || signal.aborted) return 'timeout';
  if (error instanceof UnreadableAnswer) return 'unreadable';
  // A refused redirect, a reset or a cut-off body is a TypeError from fetch rather than a ky NetworkError.
  return 'network';
}
