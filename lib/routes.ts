import type { ThrottleSettings } from './config';
import { checkFunctionIds, type FunctionDefinition } from './functions';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One function of the API and the route keys it serves. */
export interface RouteDefinition extends FunctionDefinition {
  /** Methods on the path; each one is its own route key, all served by the one function. */
  readonly methods: readonly HttpMethod[];
  /** Path in API Gateway syntax, e.g. `/share/casestudies/{slug}`. */
  readonly path: string;
  /**
   * Other paths the same function serves with the same methods, e.g. a name clients already use.
   * @default - none
   */
  readonly aliases?: readonly string[];
  /**
   * Throttle for this route's keys, in place of the stage default.
   * @default - the stage's `throttle`
   */
  readonly throttle?: ThrottleSettings;
}

const PATH_PATTERN = /^(\/([A-Za-z0-9._-]+|\{[A-Za-z][A-Za-z0-9]*\}))+$/;

/** Checks the table once, when it is built, so a bad entry fails every synth and every test. */
export function defineRoutes(routes: readonly RouteDefinition[]): readonly RouteDefinition[] {
  checkFunctionIds(routes, 'Route');
  const keys = new Set<string>();
  for (const route of routes) {
    for (const path of routePaths(route)) {
      if (!PATH_PATTERN.test(path)) throw new Error(`Route "${route.id}" has an invalid path "${path}".`);
    }
    if (route.methods.length === 0) throw new Error(`Route "${route.id}" has no methods.`);
    for (const key of routeKeys(route)) {
      if (keys.has(key)) throw new Error(`Route key "${key}" is defined twice.`);
      keys.add(key);
    }
  }
  return routes;
}

/** The route's path and its aliases. */
export function routePaths(route: RouteDefinition): string[] {
  return [route.path, ...(route.aliases ?? [])];
}

/** API Gateway route keys of a route, e.g. `GET /health`: every method on every path. */
export function routeKeys(route: RouteDefinition): string[] {
  return routePaths(route).flatMap((path) => route.methods.map((method) => `${method} ${path}`));
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
  {
    id: 'Contact',
    description: 'The contact form: stores a submission durably, then the mailer emails it to sales.',
    methods: ['POST'],
    path: '/contact',
    // The address the live site already posts its form to.
    aliases: ['/sendContactUsMail'],
    entry: 'lambda/contact/handler.ts',
    needs: ['contactStore'],
    // A form is not a firehose, but the limit is shared by everyone: low enough to slow a bot,
    // high enough that one noisy client does not turn people away (the site says "sent" even to a 429).
    throttle: { rateLimit: 5, burstLimit: 20 },
  },
]);
