import { MalformedResponseError } from './errors';
import type { GatewayResponse, HeaderEntry } from './gateway-response';

/** What HTTP API sends when a structured response names no content type. */
const DEFAULT_CONTENT_TYPE = 'text/plain; charset=utf-8';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Framing headers are the gateway's to set; a function's values would contradict the body it actually sends. */
const GATEWAY_OWNED_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection']);

/**
 * Turns a function's result (the JSON text Lambda returns) into the HTTP response,
 * the way payload format 2.0 reads it:
 * - an object with `statusCode` is a structured response; anything wrong in it is a 500;
 * - anything else is a "simple response": 200 `application/json` with the result as the
 *   body, a JSON string being the body as it is.
 * `multiValueHeaders` is a 1.0 field that HTTP API ignores in 2.0 responses.
 */
export function mapLambdaResult(payload: string): GatewayResponse {
  const result = parseJson(payload);
  if (isRecord(result) && Object.hasOwn(result, 'statusCode')) return mapStructuredResponse(result);
  return {
    statusCode: 200,
    headers: [['content-type', 'application/json']],
    body: Buffer.from(typeof result === 'string' ? result : payload),
  };
}

function mapStructuredResponse(result: Record<string, unknown>): GatewayResponse {
  const { statusCode, headers = {}, cookies = [], body = '', isBase64Encoded = false } = result;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    throw new MalformedResponseError(`statusCode must be an integer from 100 to 599, got ${JSON.stringify(statusCode)}`);
  }
  if (!isRecord(headers)) throw new MalformedResponseError('headers must be an object');
  if (!Array.isArray(cookies) || !cookies.every((cookie) => typeof cookie === 'string')) {
    throw new MalformedResponseError('cookies must be an array of strings');
  }
  if (body !== null && typeof body !== 'string') throw new MalformedResponseError(`body must be a string, got ${typeof body}`);
  if (typeof isBase64Encoded !== 'boolean') throw new MalformedResponseError('isBase64Encoded must be a boolean');
  // Buffer.from would skip stray characters silently and send corrupt bytes.
  if (isBase64Encoded && !BASE64.test(body ?? '')) throw new MalformedResponseError('body is not valid base64');

  const entries: HeaderEntry[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== 'string') throw new MalformedResponseError(`header "${name}" must be a string, got ${typeof value}`);
    if (!GATEWAY_OWNED_HEADERS.has(name.toLowerCase())) entries.push([name, value]);
  }
  if (!entries.some(([name]) => name.toLowerCase() === 'content-type')) entries.push(['content-type', DEFAULT_CONTENT_TYPE]);
  for (const cookie of cookies as string[]) entries.push(['set-cookie', cookie]);

  return {
    statusCode,
    headers: entries,
    body: Buffer.from(body ?? '', isBase64Encoded ? 'base64' : 'utf8'),
  };
}

/** Lambda's Node.js runtime always returns JSON; text that is not is still a simple response body. */
function parseJson(payload: string): unknown {
  try {
    return JSON.parse(payload);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
