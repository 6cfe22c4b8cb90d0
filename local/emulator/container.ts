import { fork, type ChildProcess } from 'node:child_process';
import { ContainerExitError, FunctionError, FunctionTimeoutError } from './errors';
import { INIT_TIMEOUT_MS, LAMBDA_RESPONSE_LIMIT_BYTES } from './limits';
import { OutputLines } from './output-lines';
import type { InvokeMessage, OutputMark, RuntimeMessage } from './runtime/protocol';

export interface ContainerProps {
  readonly routeId: string;
  /** The bundled runtime that loads the handler and serves invocations. */
  readonly runtimeScript: string;
  /** Where the handler bundle lives; also the process's working directory. */
  readonly taskRoot: string;
  /** The whole environment of the process; nothing else is inherited. */
  readonly environment: Readonly<Record<string, string>>;
  /** Receives every line the process writes to stdout or stderr. */
  readonly onLine: (line: string) => void;
  /**
   * How long the handler module may take to load.
   * @default INIT_TIMEOUT_MS (10 s, Lambda's init limit)
   */
  readonly initTimeoutMs?: number;
}

/** One invocation as the Lambda service hands it to a runtime. */
export interface Invocation {
  readonly requestId: string;
  readonly eventJson: string;
  readonly invokedFunctionArn: string;
  readonly traceId: string;
  readonly timeoutMs: number;
}

export interface InvocationResult {
  /** The handler's result as JSON text. */
  readonly payload: string;
  readonly maxMemoryUsedMb: number;
}

/**
 * A Lambda execution environment: one Node.js process that loaded the handler once
 * and serves one invocation at a time, keeping module state in between.
 */
export class Container {
  private readonly stdout: OutputLines;
  private readonly stderr: OutputLines;
  private readonly exited: Promise<void>;
  private exitStatus?: { readonly code: number | null; readonly signal: NodeJS.Signals | null };
  private initDurationMs = 0;

  private constructor(
    private readonly props: ContainerProps,
    private readonly child: ChildProcess,
  ) {
    this.stdout = new OutputLines(child.stdout!, props.onLine);
    this.stderr = new OutputLines(child.stderr!, props.onLine);
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitStatus = { code, signal };
        resolve();
      });
      // A process that could not be spawned never exits; count it as ended.
      child.on('error', () => {
        if (child.pid !== undefined) return;
        this.exitStatus = { code: null, signal: null };
        resolve();
      });
    });
  }

  /**
   * Starts the process and waits for the handler module to load (a cold start).
   * Rejects with a {@link FunctionError} when the module throws or exports no handler.
   */
  static async start(props: ContainerProps, requestId: string): Promise<Container> {
    const child = fork(props.runtimeScript, [], {
      execPath: process.execPath,
      // The emulator's own flags (e.g. Jest's --experimental-vm-modules) are not the function's.
      execArgv: [],
      env: props.environment,
      cwd: props.taskRoot,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    const container = new Container(props, child);
    await container.init(requestId, props.initTimeoutMs ?? INIT_TIMEOUT_MS);
    return container;
  }

  /** Milliseconds the handler module took to load. */
  get initDuration(): number {
    return this.initDurationMs;
  }

  get alive(): boolean {
    return this.exitStatus === undefined;
  }

  invoke(invocation: Invocation): Promise<InvocationResult> {
    const { routeId } = this.props;
    return new Promise((resolve, reject) => {
      const cleanUp = () => {
        clearTimeout(timer);
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
      };
      const timer = setTimeout(() => {
        cleanUp();
        // Lambda does not let a timed-out runtime live on: the next invocation starts cold.
        void this.kill().then(() => reject(new FunctionTimeoutError(routeId, invocation.requestId, invocation.timeoutMs)));
      }, invocation.timeoutMs);
      const onExit = () => {
        cleanUp();
        void this.exitError(invocation.requestId).then(reject);
      };
      const onMessage = (message: RuntimeMessage) => {
        if ((message.type !== 'result' && message.type !== 'error') || message.requestId !== invocation.requestId) return;
        cleanUp();
        void this.outputBefore(message.output).then(() => {
          if (message.type === 'error') {
            reject(new FunctionError(routeId, invocation.requestId, message.error.errorType, message.error.errorMessage));
          } else if (Buffer.byteLength(message.payload) > LAMBDA_RESPONSE_LIMIT_BYTES) {
            reject(
              new FunctionError(
                routeId,
                invocation.requestId,
                'Function.ResponseSizeTooLarge',
                `Response payload size exceeded maximum allowed payload size (${LAMBDA_RESPONSE_LIMIT_BYTES} bytes).`,
              ),
            );
          } else {
            resolve({ payload: message.payload, maxMemoryUsedMb: Math.ceil(message.maxRssKb / 1024) });
          }
        });
      };
      this.child.on('message', onMessage);
      this.child.once('exit', onExit);
      const message: InvokeMessage = {
        type: 'invoke',
        requestId: invocation.requestId,
        eventJson: invocation.eventJson,
        deadlineMs: Date.now() + invocation.timeoutMs,
        invokedFunctionArn: invocation.invokedFunctionArn,
        traceId: invocation.traceId,
      };
      this.child.send(message, (error) => {
        if (error) onExit();
      });
    });
  }

  /** Ends the process at once, as Lambda does with an environment it discards. */
  async kill(): Promise<void> {
    if (!this.alive) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  private async init(requestId: string, timeoutMs: number): Promise<void> {
    const startedAt = performance.now();
    const { routeId } = this.props;
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      new Promise<RuntimeMessage>((resolve) => this.child.once('message', resolve)),
      this.exited.then(() => 'exited' as const),
      new Promise<'timeout'>((resolve) => (timer = setTimeout(resolve, timeoutMs, 'timeout'))),
    ]);
    clearTimeout(timer);
    this.initDurationMs = performance.now() - startedAt;
    if (outcome === 'exited') throw await this.exitError(requestId);
    if (outcome === 'timeout') {
      await this.kill();
      throw new FunctionTimeoutError(routeId, requestId, timeoutMs);
    }
    if (outcome.type === 'init-error') {
      await this.outputBefore(outcome.output);
      await this.kill();
      throw new FunctionError(routeId, requestId, outcome.error.errorType, outcome.error.errorMessage);
    }
  }

  /** Waits for the output the runtime wrote before its message, so `logs()` holds it once the response is out. */
  private async outputBefore(mark: OutputMark): Promise<void> {
    await Promise.all([this.stdout.reached(mark.stdoutBytes), this.stderr.reached(mark.stderrBytes)]);
  }

  /** The error of a process that ended mid-work, once its last output (often a stack trace) is in. */
  private async exitError(requestId: string): Promise<ContainerExitError> {
    await Promise.all([this.exited, this.stdout.ended(), this.stderr.ended()]);
    return new ContainerExitError(this.props.routeId, requestId, this.exitStatus?.code ?? null, this.exitStatus?.signal ?? null);
  }
}
