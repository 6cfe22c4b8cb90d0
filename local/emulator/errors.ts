/** Base of every error the emulator raises, so callers can tell its failures from their own. */
export class EmulatorError extends Error {
  override readonly name: string = 'EmulatorError';
}

/** What a function is to the emulator: behind a route, or run on a schedule. */
export type FunctionKind = 'Route' | 'Job';

/** A handler entry that esbuild could not bundle; `startEmulator` rejects with it. */
export class BundleError extends EmulatorError {
  override readonly name = 'BundleError';
  /** Whether `routeId` names a route or a job. */
  readonly kind: FunctionKind;

  constructor(
    /** The id of the route or job. */
    readonly routeId: string,
    readonly entry: string,
    detail: string,
    options?: ErrorOptions & { readonly kind?: FunctionKind },
  ) {
    super(`${options?.kind ?? 'Route'} "${routeId}": cannot bundle ${entry}: ${detail}`, options);
    this.kind = options?.kind ?? 'Route';
  }
}

/** An invocation that produced no result; API Gateway answers every one of them with a 500. */
export class InvocationError extends EmulatorError {
  override readonly name: string = 'InvocationError';

  constructor(
    readonly routeId: string,
    readonly requestId: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The handler threw, rejected, failed to load, or returned something Lambda cannot send back. */
export class FunctionError extends InvocationError {
  override readonly name = 'FunctionError';

  constructor(
    routeId: string,
    requestId: string,
    /** Lambda's error type, e.g. `Error`, `Runtime.ImportModuleError`, `Function.ResponseSizeTooLarge`. */
    readonly errorType: string,
    readonly errorMessage: string,
  ) {
    super(routeId, requestId, `${errorType}: ${errorMessage}`);
  }
}

/** The handler ran past the function timeout; its container was killed. */
export class FunctionTimeoutError extends InvocationError {
  override readonly name = 'FunctionTimeoutError';

  constructor(
    routeId: string,
    requestId: string,
    readonly timeoutMs: number,
  ) {
    super(routeId, requestId, `Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`);
  }
}

/** The container's process ended while it was starting or serving an invocation. */
export class ContainerExitError extends InvocationError {
  override readonly name = 'ContainerExitError';

  constructor(
    routeId: string,
    requestId: string,
    readonly exitCode: number | null,
    readonly signal: NodeJS.Signals | null,
  ) {
    super(routeId, requestId, `Runtime exited with error: ${signal ? `signal: ${signal}` : `exit status ${exitCode}`}`);
  }
}

/** Every container of the function is busy and no more may start: Lambda throttles the invocation. */
export class ConcurrencyLimitError extends InvocationError {
  override readonly name = 'ConcurrencyLimitError';

  constructor(
    routeId: string,
    requestId: string,
    readonly limit: number,
  ) {
    super(routeId, requestId, `Rate Exceeded: all ${limit} containers are busy`);
  }
}

/** A job's invocation that produced no result; the failure of the invocation is its `cause`. */
export class JobInvocationError extends EmulatorError {
  override readonly name = 'JobInvocationError';

  constructor(
    readonly jobId: string,
    readonly requestId: string,
    override readonly cause: InvocationError,
  ) {
    super(`Job "${jobId}" failed (RequestId: ${requestId}): ${cause.message}`, { cause });
  }
}

/** A function result that API Gateway cannot turn into an HTTP response. */
export class MalformedResponseError extends EmulatorError {
  override readonly name = 'MalformedResponseError';

  constructor(readonly reason: string) {
    super(`Malformed Lambda proxy response: ${reason}`);
  }
}

/** A request body over a size limit. */
export class PayloadTooLargeError extends EmulatorError {
  override readonly name = 'PayloadTooLargeError';

  constructor(readonly limitBytes: number) {
    super(`Payload exceeds ${limitBytes} bytes`);
  }
}
