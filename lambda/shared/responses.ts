import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export type HttpResponse = APIGatewayProxyStructuredResultV2 & { statusCode: number; headers: Record<string, string> };

const COMMON_HEADERS = { 'x-content-type-options': 'nosniff' };

export function jsonResponse(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...COMMON_HEADERS, ...headers },
    body: JSON.stringify(body),
  };
}

/**
 * The error envelope of every JSON route: `{"status":"error","message":"...","details":{}}`.
 * Not cached anywhere, unless `headers` say otherwise.
 */
export function errorResponse(statusCode: number, message: string, details: Record<string, unknown> = {}, headers: Record<string, string> = {}): HttpResponse {
  return jsonResponse(statusCode, { status: 'error', message, details }, { 'cache-control': 'no-store', ...headers });
}

export function htmlResponse(statusCode: number, html: string, headers: Record<string, string> = {}): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'text/html; charset=utf-8', ...COMMON_HEADERS, ...headers },
    body: html,
  };
}

/** A HEAD answer: the same status and headers as the GET, no body. */
export function withoutBody(response: HttpResponse): HttpResponse {
  return { ...response, body: '' };
}
