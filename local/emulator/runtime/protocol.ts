/**
 * Messages between the emulator and a container's runtime over Node's IPC channel:
 * what the Lambda Runtime API carries between the Lambda service and a runtime.
 */

/** One invocation, with what the Runtime API sends as `Lambda-Runtime-*` headers. */
export interface InvokeMessage {
  readonly type: 'invoke';
  readonly requestId: string;
  /** The event as JSON text: the handler gets a fresh parse, as from the Runtime API. */
  readonly eventJson: string;
  /** Epoch milliseconds at which the function times out. */
  readonly deadlineMs: number;
  readonly invokedFunctionArn: string;
  /** Set as `_X_AMZN_TRACE_ID` for the invocation. */
  readonly traceId: string;
}

/** An error in the shape Lambda reports it: `{"errorType","errorMessage","stack"}`. */
export interface SerializedError {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly stack: readonly string[];
}

/** Bytes the runtime had written to stdout and stderr when it sent a message. */
export interface OutputMark {
  readonly stdoutBytes: number;
  readonly stderrBytes: number;
}

/** The handler module loaded; the container is ready for invocations. */
export interface ReadyMessage {
  readonly type: 'ready';
}

/** The handler module failed to load or exports no handler function. */
export interface InitErrorMessage {
  readonly type: 'init-error';
  readonly error: SerializedError;
  readonly output: OutputMark;
}

export interface ResultMessage {
  readonly type: 'result';
  readonly requestId: string;
  /** The handler's result as JSON text, as Lambda returns it. */
  readonly payload: string;
  readonly maxRssKb: number;
  readonly output: OutputMark;
}

export interface ErrorMessage {
  readonly type: 'error';
  readonly requestId: string;
  readonly error: SerializedError;
  readonly maxRssKb: number;
  readonly output: OutputMark;
}

export type RuntimeMessage = ReadyMessage | InitErrorMessage | ResultMessage | ErrorMessage;
