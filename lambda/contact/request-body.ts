/** A request body as API Gateway (payload format 2.0) hands it to the function. */
export interface RawRequestBody {
  readonly body?: string;
  readonly isBase64Encoded: boolean;
  /** The `content-type` header; API Gateway gives header names in lower case. */
  readonly contentType?: string;
}

/** What the body says, or why it cannot be read: each refusal maps to one HTTP status. */
export type RequestBody =
  | { readonly kind: 'json'; readonly value: Record<string, unknown> }
  /** 415: not declared as JSON. */
  | { readonly kind: 'unsupported-media-type'; readonly message: string }
  /** 413: more than {@link MAX_BODY_BYTES} decoded bytes. */
  | { readonly kind: 'too-large'; readonly message: string }
  /** 400: empty, not UTF-8, not JSON, or JSON that is not an object. */
  | { readonly kind: 'malformed'; readonly message: string };

export type RequestBodyRejection = Exclude<RequestBody, { kind: 'json' }>;

/** A contact form is well under 1 KB; 16 KB holds a 5,000-character message in Latin or Greek script (each character 1–2 bytes), though not 5,000 emoji. */
export const MAX_BODY_BYTES = 16 * 1024;

// `application/json` or any `application/<something>+json`, with or without parameters.
const JSON_MEDIA_TYPE = /^\s*application\/(?:[\w!#$&^.+-]+\+)?json\s*(?:;|$)/i;
const UNPAIRED_SURROGATE = /\p{Cs}/u;
const BYTE_ORDER_MARK = /^\uFEFF/;

/**
 * Reads a JSON object from a request body.
 *
 * The content type must name JSON. A missing one is refused too: the site
 * always sends `application/json`, and a browser sends no content type only
 * for a body it may post cross-origin without a CORS preflight (a `Blob` with
 * no type), so requiring JSON keeps every other site's pages behind the
 * preflight. A `charset` parameter is ignored, as RFC 8259 defines none for
 * JSON: the body must be UTF-8 whatever it says.
 */
export function readJsonBody(request: RawRequestBody): RequestBody {
  if (!request.contentType || !JSON_MEDIA_TYPE.test(request.contentType)) {
    return { kind: 'unsupported-media-type', message: 'Content-Type must be application/json' };
  }
  const bytes = request.isBase64Encoded ? Buffer.from(request.body ?? '', 'base64') : undefined;
  const size = bytes ? bytes.length : Buffer.byteLength(request.body ?? '', 'utf8');
  if (size > MAX_BODY_BYTES) {
    return { kind: 'too-large', message: `Request body must be at most ${MAX_BODY_BYTES} bytes` };
  }
  const text = bytes ? decodeUtf8(bytes) : request.body ?? '';
  if (text === undefined || UNPAIRED_SURROGATE.test(text)) return malformed('Request body is not valid UTF-8');
  // RFC 8259 lets a parser ignore a byte order mark; TextDecoder already drops one.
  const json = text.replace(BYTE_ORDER_MARK, '');
  if (json.trim() === '') return malformed('Request body is empty');
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return malformed('Request body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return malformed('Request body must be a JSON object');
  }
  return { kind: 'json', value: value as Record<string, unknown> };
}

function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function malformed(message: string): RequestBody {
  return { kind: 'malformed', message };
}
