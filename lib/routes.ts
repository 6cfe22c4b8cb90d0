import type { StageConfig, ThrottleSettings } from './config';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Something outside the function that a route reads or writes; each one grants exactly its permissions. */
export type RouteResource = 'cms';

/** One function of the API and the route keys it serves. */
export interface RouteDefinition {
  /** Construct id of the route's function and its role, e.g. `ShareCaseStudy`. */
  readonly id: string;
  /** One line for the function description and the docs. */
  readonly description: string;
  /** Methods on the path; each one is its own route key, all served by the one function. */
  readonly methods: readonly HttpMethod[];
  /** Path in API Gateway syntax, e.g. `/share/casestudies/{slug}`. */
  readonly path: string;
  /** Handler module, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  /**
   * What the route reads or writes beyond its own logs.
   * @default - nothing
   */
  readonly needs?: readonly RouteResource[];
  /**
   * Throttle for this route's keys, in place of the stage default.
   * @default - the stage's `throttle`
   */
  readonly throttle?: ThrottleSettings;
  /**
   * Environment the handler needs beyond the common and per-resource variables.
   * @default - none
   */
  readonly environment?: (config: StageConfig) => Record<string, string>;
}

const PATH_PATTERN = /^(\/([A-Za-z0-9._-]+|\{[A-Za-z][A-Za-z0-9]*\}))+$/;

/** Checks the table once, when it is built, so a bad entry fails every synth and every test. */
export function defineRoutes(routes: readonly RouteDefinition[]): readonly RouteDefinition[] {
  const ids = new Set<string>();
  const keys = new Set<string>();
  for (const route of routes) {
    if (!/^[A-Z][A-Za-z0-9]+$/.test(route.id)) throw new Error(`Route id "${route.id}" must be PascalCase letters and digits.`);
    if (ids.has(route.id)) throw new Error(`Route id "${route.id}" is used twice.`);
    ids.add(route.id);
    if (!PATH_PATTERN.test(route.path)) throw new Error(`Route "${route.id}" has an invalid path "${route.path}".`);
    if (route.methods.length === 0) throw new Error(`Route "${route.id}" has no methods.`);
    for (const key of routeKeys(route)) {
      if (keys.has(key)) throw new Error(`Route key "${key}" is defined twice.`);
      keys.add(key);
    }
  }
  return routes;
}

/** API Gateway route keys of a route, e.g. `GET /health`. */
export function routeKeys(route: RouteDefinition): string[] {
  return route.methods.map((method) => `${method} ${route.path}`);
}

/** Every method the API serves, for the CORS configuration. */
export function allowedMethods(routes: readonly RouteDefinition[]): HttpMethod[] {
  return [...new Set(routes.flatMap((route) => route.methods))];
}

/** The API's routes: the one place a route is described. */
export const ROUTES = defineRoutes([
  {
    id: 'Health',
    description: 'Liveness: answers the service name and version.',
    // Uptime monitors probe with either.
    methods: ['GET', 'HEAD'],
    path: '/health',
    entry: 'lambda/health/handler.ts',
    // Monitors poll this; a low limit keeps a runaway poller from costing anything.
    throttle: { rateLimit: 5, burstLimit: 10 },
  },
  {
    id: 'ShareCaseStudy',
    description: 'Open Graph preview page of a case study for social networks\u2019 crawlers.',
    // Unfurlers probe with HEAD before they GET.
    methods: ['GET', 'HEAD'],
    path: '/share/casestudies/{slug}',
    entry: 'lambda/share-case-study/handler.ts',
    needs: ['cms'],
    environment: (config) => ({
      SITE_URL: config.siteUrl,
      DEFAULT_SHARE_IMAGE_URL: config.defaultShareImageUrl,
      ...(config.publicApiUrl ? { PUBLIC_API_URL: config.publicApiUrl } : {}),
      SHARE_PAGE_TTL_SECONDS: String(config.cache.sharePageTtlSeconds),
      SHARE_PAGE_NOT_FOUND_TTL_SECONDS: String(config.cache.sharePageNotFoundTtlSeconds),
    }),
  },
]);
