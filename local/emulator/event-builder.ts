import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { traceHeader } from './ids';
import { ACCOUNT_ID } from './lambda-environment';
import { decodePath, parseQueryString, type RequestTarget } from './request-target';
import type { RouteMatch } from './router';

/** The parts of an HTTP request the event is built from. */
export interface GatewayRequest {
  readonly method: string;
  readonly target: RequestTarget;
  /** Header names and values in arrival order, as Node's `rawHeaders`: name, value, name, value… */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  readonly sourceIp: string;
  /** The port the client connected to, for `x-forwarded-port`. */
  readonly localPort: number;
}

/** What the gateway itself contributes to the event. */
export interface EventIdentity {
  readonly apiId: string;
  readonly requestId: string;
  readonly receivedAt: Date;
}

/** Hop-by-hop headers end at the gateway; real events never carry them. */
const HOP_BY_HOP_HEADERS = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

/**
 * Media types HTTP API hands over as text. Every other body, including one without a
 * `Content-Type` and `application/x-www-form-urlencoded`, arrives base64-encoded.
 */
const TEXT_MEDIA_TYPES = new Set(['application/json', 'application/xml', 'application/javascript']);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The Lambda event of payload format version 2.0, as HTTP API builds it. */
export function buildEvent(request: GatewayRequest, match: RouteMatch, identity: EventIdentity): APIGatewayProxyEventV2 {
  const { headers, cookies } = collectHeaders(request, identity.receivedAt);
  const host = headers.host ?? '';
  const path = decodePath(request.target.encodedPath);
  const queryStringParameters = parseQueryString(request.target.rawQueryString);
  const hasBody = request.body.length > 0;
  const isBase64Encoded = hasBody && !isTextMediaType(headers['content-type']);
  return {
    version: '2.0',
    routeKey: match.routeKey,
    rawPath: path,
    rawQueryString: request.target.rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    requestContext: {
      accountId: ACCOUNT_ID,
      apiId: identity.apiId,
      domainName: host,
      domainPrefix: host.replace(/:\d+$/, '').split('.')[0] ?? '',
      http: {
        method: request.method,
        path,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: identity.requestId,
      routeKey: match.routeKey,
      stage: '$default',
      time: formatRequestTime(identity.receivedAt),
      timeEpoch: identity.receivedAt.getTime(),
    },
    ...(match.pathParameters ? { pathParameters: { ...match.pathParameters } } : {}),
    ...(hasBody ? { body: request.body.toString(isBase64Encoded ? 'base64' : 'utf8') } : {}),
    isBase64Encoded,
  };
}

/** Lower-cased headers with repeats joined by commas; `Cookie` headers become `cookies` instead. */
function collectHeaders(request: GatewayRequest, receivedAt: Date): { headers: Record<string, string>; cookies: string[] } {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let index = 0; index + 1 < request.rawHeaders.length; index += 2) {
    const name = request.rawHeaders[index]!.toLowerCase();
    const value = request.rawHeaders[index + 1]!;
    if (HOP_BY_HOP_HEADERS.has(name)) continue;
    if (name === 'cookie') {
      cookies.push(...value.split(';').map((cookie) => cookie.trim()).filter((cookie) => cookie !== ''));
      continue;
    }
    headers[name] = Object.hasOwn(headers, name) ? `${headers[name]},${value}` : value;
  }
  // API Gateway buffers a chunked body, so the function always sees its length.
  if (request.body.length > 0 && headers['content-length'] === undefined) headers['content-length'] = String(request.body.length);
  headers['x-amzn-trace-id'] ??= traceHeader(receivedAt);
  headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${request.sourceIp}` : request.sourceIp;
  headers['x-forwarded-port'] = String(request.localPort);
  headers['x-forwarded-proto'] = 'http';
  return { headers, cookies };
}

function isTextMediaType(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return mediaType.startsWith('text/') || TEXT_MEDIA_TYPES.has(mediaType);
}

/** `requestContext.time`, e.g. `12/Mar/2020:19:03:58 +0000`. */
function formatRequestTime(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return (
    `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}
