import { Container } from './container';
import { ConcurrencyLimitError, ContainerExitError, FunctionTimeoutError } from './errors';
import { lambdaRequestId, lambdaTraceId, logStreamName } from './ids';
import { FUNCTION_VERSION } from './lambda-environment';
import { MAX_CONTAINERS_PER_FUNCTION } from './limits';

export interface ContainerPoolProps {
  readonly routeId: string;
  readonly runtimeScript: string;
  readonly taskRoot: string;
  /** The environment of a new container, given its log stream name. */
  readonly environment: (logStreamName: string) => Record<string, string>;
  readonly invokedFunctionArn: string;
  readonly memorySizeMb: number;
  readonly functionTimeoutMs: number;
  /** Receives the function's output and the platform's START/END/REPORT lines. */
  readonly log: (line: string) => void;
  /**
   * Containers that may run at once; further concurrent invocations are throttled.
   * @default MAX_CONTAINERS_PER_FUNCTION
   */
  readonly maxContainers?: number;
}

export interface PoolInvocation {
  readonly eventJson: string;
  /** The request's `x-amzn-trace-id`, continued into the function's `_X_AMZN_TRACE_ID`. */
  readonly traceHeader: string;
}

/**
 * The execution environments of one function. An invocation takes an idle warm
 * container or, when all are busy, starts a new one (a cold start) up to the limit.
 * A container that failed, crashed or timed out is discarded, never reused.
 */
export class ContainerPool {
  private readonly idle: Container[] = [];
  private readonly busy = new Set<Container>();
  /** Busy containers to discard instead of reuse once their invocation ends. */
  private readonly retired = new WeakSet<Container>();
  private starting = 0;
  private closed = false;

  constructor(private readonly props: ContainerPoolProps) {}

  /** Runs one invocation and resolves with the handler's result as JSON text. */
  async invoke(invocation: PoolInvocation): Promise<string> {
    const requestId = lambdaRequestId();
    const warm = this.takeIdle();
    const container = warm ?? (await this.startContainer(requestId));
    this.busy.add(container);
    this.props.log(`START RequestId: ${requestId} Version: ${FUNCTION_VERSION}`);
    const startedAt = performance.now();
    let memoryUsed = '';
    let status = '';
    try {
      const result = await container.invoke({
        requestId,
        eventJson: invocation.eventJson,
        invokedFunctionArn: this.props.invokedFunctionArn,
        traceId: lambdaTraceId(invocation.traceHeader),
        timeoutMs: this.props.functionTimeoutMs,
      });
      memoryUsed = `\tMax Memory Used: ${result.maxMemoryUsedMb} MB`;
      return result.payload;
    } catch (error) {
      // The lines Lambda itself writes to the function's log stream for these failures.
      if (error instanceof FunctionTimeoutError) {
        this.props.log(`${new Date().toISOString()} ${requestId} ${error.message}`);
        status = '\tStatus: timeout';
      } else if (error instanceof ContainerExitError) {
        this.props.log(`RequestId: ${requestId} Error: ${error.message}`);
        status = '\tStatus: error\tError Type: Runtime.ExitError';
      }
      throw error;
    } finally {
      const durationMs = performance.now() - startedAt;
      const init = warm ? '' : `\tInit Duration: ${container.initDuration.toFixed(2)} ms`;
      this.props.log(`END RequestId: ${requestId}`);
      this.props.log(
        `REPORT RequestId: ${requestId}\tDuration: ${durationMs.toFixed(2)} ms\tBilled Duration: ${Math.ceil(durationMs)} ms` +
          `\tMemory Size: ${this.props.memorySizeMb} MB${memoryUsed}${init}${status}`,
      );
      this.release(container);
    }
  }

  /** Discards every warm container; busy ones are discarded when their invocation ends. */
  async reset(): Promise<void> {
    for (const container of this.busy) this.retired.add(container);
    await Promise.all(this.idle.splice(0).map((container) => container.kill()));
  }

  /** Kills every container, busy or not; their invocations fail. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.idle.splice(0), ...this.busy].map((container) => container.kill()));
  }

  private async startContainer(requestId: string): Promise<Container> {
    const limit = this.props.maxContainers ?? MAX_CONTAINERS_PER_FUNCTION;
    if (this.busy.size + this.starting >= limit) throw new ConcurrencyLimitError(this.props.routeId, requestId, limit);
    this.starting += 1;
    try {
      const container = await Container.start(
        {
          routeId: this.props.routeId,
          runtimeScript: this.props.runtimeScript,
          taskRoot: this.props.taskRoot,
          environment: this.props.environment(logStreamName(new Date(), FUNCTION_VERSION)),
          onLine: this.props.log,
        },
        requestId,
      );
      // The emulator closed during the cold start: this container must not outlive it.
      if (this.closed) {
        await container.kill();
        throw new ContainerExitError(this.props.routeId, requestId, null, 'SIGKILL');
      }
      return container;
    } finally {
      this.starting -= 1;
    }
  }

  /** The most recently used idle container still alive; one that died idle (say, a stray timer threw) is dropped. */
  private takeIdle(): Container | undefined {
    let container = this.idle.pop();
    while (container && !container.alive) container = this.idle.pop();
    return container;
  }

  private release(container: Container): void {
    this.busy.delete(container);
    if (container.alive && !this.closed && !this.retired.has(container)) {
      this.idle.push(container);
    } else {
      void container.kill();
    }
  }
}
