import type { StageConfig, ThrottleSettings } from './config';
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
  /**
   * Answers CMS content through `lambda/content/content-handler.ts`: made with {@link contentRoute}, which
   * gives it the content environment (locales, its cache TTL) and a TTL of its own in `content.routeTtlSeconds`.
   * @default false
   */
  readonly content?: boolean;
}

/** A route that answers CMS content, as `defineRoutes` takes it. */
export interface ContentRouteDefinition extends Pick<RouteDefinition, 'id' | 'description' | 'path' | 'entry'> {
  /** @default - the content environment only */
  readonly environment?: (config: StageConfig) => Record<string, string>;
}

/** A read-only content route: GET, reads the CMS secret, and has the content environment. */
export function contentRoute(route: ContentRouteDefinition): RouteDefinition {
  return {
    ...route,
    methods: ['GET'],
    needs: ['cms'],
    content: true,
    environment: (config) => ({ ...contentEnvironment(route.id, config), ...route.environment?.(config) }),
  };
}

/** What `lambda/content/content-handler.ts` reads. */
function contentEnvironment(routeId: string, config: StageConfig): Record<string, string> {
  const { content } = config;
  return {
    CONTENT_ROUTE: routeId,
    CONTENT_TTL_SECONDS: String(content.routeTtlSeconds[routeId] ?? content.ttlSeconds),
    CONTENT_NOT_FOUND_TTL_SECONDS: String(content.notFoundTtlSeconds),
    CONTENT_STALE_WHILE_REVALIDATE_SECONDS: String(content.staleWhileRevalidateSeconds),
    CONTENT_LOCALES: content.locales.join(','),
    CONTENT_DEFAULT_LOCALE: content.defaultLocale,
    CONTENT_LOCALE_ALIASES: Object.entries(content.localeAliases).map(([alias, locale]) => `${alias}:${locale}`).join(','),
  };
}

export function isContentRoute(route: RouteDefinition): boolean {
  return route.content === true;
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
  // What the site asked the CMS for from the browser, with the token in its bundle: now asked here.
  contentRoute({
    id: 'ContentHome',
    description: 'The home page: its texts, solutions, featured services and technologies, in a locale.',
    path: '/content/home',
    entry: 'lambda/content/handlers/home.ts',
  }),
  contentRoute({
    id: 'ContentHistories',
    description: 'The milestones of the about page, in a locale.',
    path: '/content/histories',
    entry: 'lambda/content/handlers/histories.ts',
  }),
  contentRoute({
    id: 'ContentLegalPage',
    description: 'A legal page (privacy, terms-of-service, cookie-policy), in a locale.',
    path: '/content/legal/{page}',
    entry: 'lambda/content/handlers/legal-page.ts',
  }),
  contentRoute({
    id: 'ContentServices',
    description: 'The services, or those the navigation shows, in a locale.',
    path: '/content/services',
    entry: 'lambda/content/handlers/services.ts',
  }),
  contentRoute({
    id: 'ContentService',
    description: 'One service page, with its images and modules, in a locale.',
    path: '/content/services/{slug}',
    entry: 'lambda/content/handlers/service.ts',
  }),
  contentRoute({
    id: 'ContentCaseStudies',
    description: 'Case studies, newest first, a page at a time.',
    path: '/content/case-studies',
    entry: 'lambda/content/handlers/case-studies.ts',
  }),
  contentRoute({
    id: 'ContentCaseStudy',
    description: 'One case study, with its image and sections.',
    path: '/content/case-studies/{slug}',
    entry: 'lambda/content/handlers/case-study.ts',
  }),
  contentRoute({
    id: 'ContentCareers',
    description: 'The open positions.',
    path: '/content/careers',
    entry: 'lambda/content/handlers/careers.ts',
  }),
  contentRoute({
    id: 'Sitemap',
    description: 'The site\u2019s sitemap (sitemaps.org): its pages, every case study and every service.',
    path: '/sitemap.xml',
    entry: 'lambda/content/handlers/sitemap.ts',
    environment: (config) => ({ SITE_URL: config.siteUrl }),
  }),
]);
