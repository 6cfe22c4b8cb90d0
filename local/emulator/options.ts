import type { StageConfig } from '../../lib/config';
import type { RouteDefinition } from '../../lib/routes';

export interface EmulatorOptions {
  /** The route table to serve, e.g. `ROUTES` or a test's own `defineRoutes([...])`. */
  readonly routes: readonly RouteDefinition[];
  /** The stage whose settings (CORS, throttle, environment) the emulator applies. */
  readonly config: StageConfig;
  /**
   * Variables laid over every function's environment, e.g. a local CMS_URL and CMS_TOKEN.
   * An `AWS_REGION` here is also the region of the ARNs and `AWS_DEFAULT_REGION`.
   * @default {}
   */
  readonly environment?: Record<string, string>;
  /**
   * Variables laid over one route's environment only, after `environment`: what AWS
   * gives just that function, such as the CMS token that only CMS routes may read.
   * @default - none
   */
  readonly routeEnvironment?: (route: RouteDefinition) => Record<string, string>;
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
  /** Receives every line a function writes to stdout/stderr. @default prints `[<route id>] <line>` to the emulator's stdout */
  readonly onLog?: (routeId: string, line: string) => void;
}

export interface Emulator {
  /** e.g. `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** Lines each function logged, for tests (e.g. to assert a correlation id or that no secret is logged). */
  logs(routeId: string): readonly string[];
  /** Drops every warm container, so the next invocation is a cold start. */
  resetContainers(): Promise<void>;
  close(): Promise<void>;
}
