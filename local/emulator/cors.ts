import type { IncomingHttpHeaders } from 'node:http';
import type { CorsSettings } from '../../lib/cors';
import type { GatewayResponse, HeaderEntry } from './gateway-response';

/**
 * A browser preflight: OPTIONS with `Origin` and `Access-Control-Request-Method`.
 * With CORS configured, API Gateway answers these itself and no route ever sees them.
 */
export function isPreflight(method: string | undefined, headers: IncomingHttpHeaders): boolean {
  return method === 'OPTIONS' && headers.origin !== undefined && headers['access-control-request-method'] !== undefined;
}

/**
 * 204 with the configured CORS headers when origin, method and every requested header
 * are allowed; otherwise 204 without any, so the browser blocks the request.
 */
export function preflightResponse(settings: CorsSettings, headers: IncomingHttpHeaders): GatewayResponse {
  const origin = headers.origin ?? '';
  const method = headers['access-control-request-method'] ?? '';
  const requestedHeaders = (headers['access-control-request-headers'] ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  const allowed =
    settings.allowOrigins.includes(origin) &&
    (settings.allowMethods as readonly string[]).includes(method) &&
    requestedHeaders.every((name) => settings.allowHeaders.includes(name));
  return {
    statusCode: 204,
    headers: allowed
      ? [
          ['access-control-allow-origin', origin],
          ['access-control-allow-methods', settings.allowMethods.join(',')],
          ['access-control-allow-headers', settings.allowHeaders.join(',')],
          ['access-control-max-age', String(settings.maxAgeSeconds)],
          ['vary', 'Origin'],
        ]
      : [],
    body: Buffer.alloc(0),
  };
}

/**
 * The gateway's CORS pass over an integration response: the function's own
 * `Access-Control-*` headers are dropped (API Gateway ignores them once CORS is
 * configured), and an allowed `Origin` gets the configured ones.
 */
export function withCorsHeaders(settings: CorsSettings, origin: string | undefined, response: GatewayResponse): GatewayResponse {
  const headers: HeaderEntry[] = response.headers.filter(([name]) => !name.toLowerCase().startsWith('access-control-'));
  if (origin === undefined || !settings.allowOrigins.includes(origin)) return { ...response, headers };
  headers.push(['access-control-allow-origin', origin]);
  if (settings.exposeHeaders.length > 0) headers.push(['access-control-expose-headers', settings.exposeHeaders.join(',')]);
  const varyIndex = headers.findIndex(([name]) => name.toLowerCase() === 'vary');
  if (varyIndex === -1) {
    headers.push(['vary', 'Origin']);
  } else {
    const [name, value] = headers[varyIndex]!;
    headers[varyIndex] = [name, `${value}, Origin`];
  }
  return { ...response, headers };
}
