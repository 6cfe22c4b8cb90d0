import type { StageConfig } from '../../lib/config';
import type { DeployedResources } from '../../lib/function-settings';
import type { FunctionDefinition } from '../../lib/functions';
import type { JobDefinition } from '../../lib/jobs';
import type { RouteDefinition } from '../../lib/routes';

export interface EmulatorOptions {
  /** The route table to serve, e.g. `ROUTES` or a test's own `defineRoutes([...])`. */
  readonly routes: readonly RouteDefinition[];
  /**
   * Scheduled functions, e.g. `JOBS`: bundled and run in containers exactly like routes,
   * invoked by `runJob()` (and every `jobIntervalMs`) with an EventBridge scheduled event.
   * Their ids share one namespace with the routes' (logs, bundles).
   * @default - none
   */
  readonly jobs?: readonly JobDefinition[];
  /**
   * Milliseconds between scheduled runs of each job, standing in for its schedule
   * (minutes in AWS). A run never overlaps another run of the same job: a tick that
   * finds one under way is skipped.
   * @default - jobs run only when `runJob()` asks
   */
  readonly jobIntervalMs?: number;
  /** The stage whose settings (CORS, throttle, environment) the emulator applies. */
  readonly config: StageConfig;
  /**
   * Variables laid over every function's environment, e.g. a local CMS_URL and CMS_TOKEN.
   * An `AWS_REGION` here is also the region of the ARNs and `AWS_DEFAULT_REGION`.
   * @default {}
   */
  readonly environment?: Record<string, string>;
  /**
   * Variables laid over one function's environment only (a route's or a job's), after
   * `environment`: what AWS gives just that function, such as the CMS token that only
   * CMS routes may read, or a local endpoint for the functions that call a service.
   * @default - none
   */
  readonly functionEnvironment?: (definition: FunctionDefinition) => Record<string, string>;
  /**
   * Names of the stage's resources, as the functions' environment gives them.
   * @default localResourceNames(config)
   */
  readonly resources?: DeployedResources;
  /** @default 0 (free port) */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** @default FUNCTION_SETTINGS.timeoutSeconds * 1000 */
  readonly functionTimeoutMs?: number;
  /** API Gateway's integration timeout. @default 30000 */
  readonly integrationTimeoutMs?: number;
  /** Where bundles go. @default '<repo>/.build/emulator' (inside the repo, so externals like @aws-sdk/* resolve from node_modules) */
  readonly buildDir?: string;
  /** Receives every line a function (route or job) writes to stdout/stderr. @default prints `[<id>] <line>` to the emulator's stdout */
  readonly onLog?: (functionId: string, line: string) => void;
}

export interface Emulator {
  /** e.g. `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** Lines each function (a route's or a job's, by id) logged, for tests (e.g. to assert a correlation id or that no secret is logged). */
  logs(functionId: string): readonly string[];
  /**
   * Invokes a job once, as its EventBridge rule does, with a scheduled event
   * (`detail-type: "Scheduled Event"`, `source: "aws.events"`, the rule's ARN in `resources`),
   * and resolves with the handler's result. Rejects with a `JobInvocationError` when the
   * invocation fails (the handler throws, times out, crashes), with an `EmulatorError` for an unknown job.
   */
  runJob(id: string): Promise<unknown>;
  /** Drops every warm container (routes' and jobs'), so the next invocation is a cold start. */
  resetContainers(): Promise<void>;
  /** Stops the job timers, kills every container and every open connection. */
  close(): Promise<void>;
}
