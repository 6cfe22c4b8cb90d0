import { randomBytes, randomUUID } from 'node:crypto';

/** An API Gateway request id, shaped like the real ones: 16 characters of base64, e.g. `JKJaXmPLvHcESHA=`. */
export function gatewayRequestId(): string {
  return randomBytes(11).toString('base64');
}

/** An API id: ten lower-case letters and digits, as in `{apiId}.execute-api.{region}.amazonaws.com`. */
export function apiId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(10)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

/** A Lambda request id (`context.awsRequestId`): a UUID. */
export function lambdaRequestId(): string {
  return randomUUID();
}

/** An X-Ray trace header as API Gateway adds it: `Root=1-<epoch seconds in hex>-<96 random bits>`. */
export function traceHeader(now: Date): string {
  const seconds = Math.floor(now.getTime() / 1000).toString(16).padStart(8, '0');
  return `Root=1-${seconds}-${randomBytes(12).toString('hex')}`;
}

/** The trace id Lambda puts in `_X_AMZN_TRACE_ID` for one invocation: the root, a parent segment, not sampled. */
export function lambdaTraceId(header: string): string {
  const root = /Root=([^;]+)/.exec(header)?.[1] ?? header;
  return `Root=${root};Parent=${randomBytes(8).toString('hex')};Sampled=0`;
}

/** A container's log stream name, e.g. `2026/03/12/[$LATEST]0123456789abcdef0123456789abcdef`. */
export function logStreamName(now: Date, version: string): string {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '/');
  return `${day}/[${version}]${randomBytes(16).toString('hex')}`;
}
