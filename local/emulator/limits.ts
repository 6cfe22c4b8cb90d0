/** API Gateway HTTP API's payload quota: 10 MB (`HTTP content length exceeded 10485760 bytes`). */
export const GATEWAY_PAYLOAD_LIMIT_BYTES = 10 * 1024 * 1024;

/** Lambda's synchronous invocation payload quota for the request (the event JSON): 6 MB. */
export const LAMBDA_REQUEST_LIMIT_BYTES = 6 * 1024 * 1024;

/** Lambda's response quota, exactly as its error states it: `maximum allowed payload size (6291556 bytes)`. */
export const LAMBDA_RESPONSE_LIMIT_BYTES = 6_291_556;

/** Lambda's init phase limit: a handler module must load within 10 s. */
export const INIT_TIMEOUT_MS = 10_000;

/** Containers one function may run at once, like a reserved concurrency; Lambda throttles beyond it. */
export const MAX_CONTAINERS_PER_FUNCTION = 10;

/** API Gateway's default and maximum integration timeout for HTTP APIs. */
export const DEFAULT_INTEGRATION_TIMEOUT_MS = 30_000;
