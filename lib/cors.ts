import type { StageConfig } from './config';
import { allowedMethods, type HttpMethod, type RouteDefinition } from './routes';

/**
 * The API's CORS rules as plain data. API Gateway answers preflights from
 * these (the stack maps them to `corsPreflight`), and the local emulator
 * answers from the very same object.
 */
export interface CorsSettings {
  readonly allowOrigins: readonly string[];
  readonly allowMethods: readonly HttpMethod[];
  /** Lower-case request headers a browser may send. */
  readonly allowHeaders: readonly string[];
  /** Response headers a browser script may read. */
  readonly exposeHeaders: readonly string[];
  /** Seconds a browser may cache a preflight answer. */
  readonly maxAgeSeconds: number;
}

export function corsSettings(config: StageConfig, routes: readonly RouteDefinition[]): CorsSettings {
  return {
    allowOrigins: config.corsAllowedOrigins,
    allowMethods: allowedMethods(routes),
    allowHeaders: ['accept', 'content-type'],
    exposeHeaders: [],
    maxAgeSeconds: 3600,
  };
}
