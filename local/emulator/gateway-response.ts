/** One response header; a list of them keeps repeated names such as `set-cookie`. */
export type HeaderEntry = readonly [name: string, value: string];

/** What the gateway sends back to the client. */
export interface GatewayResponse {
  readonly statusCode: number;
  readonly headers: readonly HeaderEntry[];
  readonly body: Buffer;
}

/** An answer API Gateway writes itself, e.g. 404 `{"message":"Not Found"}`: JSON with the reason phrase. */
export function gatewayError(statusCode: number, message: string): GatewayResponse {
  return {
    statusCode,
    headers: [['content-type', 'application/json']],
    body: Buffer.from(JSON.stringify({ message })),
  };
}

export const NOT_FOUND = gatewayError(404, 'Not Found');
export const PAYLOAD_TOO_LARGE = gatewayError(413, 'Request Entity Too Large');
export const TOO_MANY_REQUESTS = gatewayError(429, 'Too Many Requests');
export const INTERNAL_SERVER_ERROR = gatewayError(500, 'Internal Server Error');
export const SERVICE_UNAVAILABLE = gatewayError(503, 'Service Unavailable');
