import * as v from 'valibot';
import { JOBS } from './jobs';
import { DEFAULT_MONITORING_SETTINGS, type MonitoringSettings, monitoringOverridesSchema } from './monitoring-settings';
import { isContentRoute, ROUTES } from './routes';

/** Requests per second and burst, as API Gateway applies them to a route key. */
export interface ThrottleSettings {
  /** Steady-state requests per second. */
  readonly rateLimit: number;
  /** Requests allowed at once above the steady rate. */
  readonly burstLimit: number;
}

/** How long a warm function keeps a CMS answer, per kind of answer. */
export interface CacheSettings {
  /** Seconds a found share page is served from memory (and `max-age`). */
  readonly sharePageTtlSeconds: number;
  /** Seconds an unknown slug is remembered as not found. */
  readonly sharePageNotFoundTtlSeconds: number;
}

/** What the content routes answer in, and how long their answers are kept. */
export interface ContentSettings {
  /** Locales the site offers: `locale` must be one of these or an alias of one. */
  readonly locales: readonly string[];
  /** The locale answered without `locale`, and in place of a locale that has no version of the content. */
  readonly defaultLocale: string;
  /** Other names clients use for a locale, e.g. `{ gr: 'el' }`. */
  readonly localeAliases: Readonly<Record<string, string>>;
  /** Seconds an answer is served from a warm function's memory, and by a CDN (`s-maxage`). */
  readonly ttlSeconds: number;
  /** Per content route id, a TTL in place of `ttlSeconds`. */
  readonly routeTtlSeconds: Readonly<Record<string, number>>;
  /** Seconds a 404, or a stale copy served while the CMS fails, is kept. */
  readonly notFoundTtlSeconds: number;
  /** Seconds a CDN may go on serving an expired answer while it fetches a new one (`stale-while-revalidate`). */
  readonly staleWhileRevalidateSeconds: number;
}

/** The API's own domain name and the existing ACM certificate API Gateway serves it with. */
export interface CustomDomainSettings {
  /** The domain, e.g. `api.marchcroft.com`; lower-case, no wildcard. */
  readonly domainName: string;
  /**
   * ARN of an issued ACM certificate that covers `domainName`, in the region the stack deploys to
   * (the API's endpoint is regional; a certificate in another region is refused by API Gateway).
   */
  readonly certificateArn: string;
}

/** Where contact-form submissions go, and how long they are kept. */
export interface ContactSettings {
  /** The From address of the sales email; it must belong to `senderIdentity`. */
  readonly senderAddress: string;
  /** The verified SES identity (a domain or an address) the mailer may send as. */
  readonly senderIdentity: string;
  /** Who receives each submission. */
  readonly recipients: readonly string[];
  /** Days a submission (personal data) is kept before DynamoDB deletes it. */
  readonly retentionDays: number;
  /** Attempts to email a submission before it is marked failed for operators. */
  readonly maxEmailAttempts: number;
  /** Seconds before the first retry of a failed email; each later retry waits twice as long. */
  readonly retryDelaySeconds: number;
  /** Minutes between the mailer's runs over the submissions due for an email. */
  readonly mailerIntervalMinutes: number;
}

/**
 * Everything that differs between stages. Read from `cdk.json` context
 * (`stages.<name>`) over {@link DEFAULT_STAGE_CONFIG}; the stack, the local
 * emulator and the tests all take one of these.
 */
export interface StageConfig {
  /** Stage name, used in stack names, tags and the function environment. */
  readonly stage: string;
  /**
   * Browser origins the API answers CORS preflights for.
   * @default ['https://marchcroft.com', 'https://www.marchcroft.com']
   */
  readonly corsAllowedOrigins: readonly string[];
  /**
   * Base URL of the Strapi CMS; its REST API lives under `/api`.
   * @default 'https://marchcroft.com'
   */
  readonly cmsUrl: string;
  /**
   * Name of the Secrets Manager secret that holds the CMS API token.
   * @default 'prod/marchcroft/secrets'
   */
  readonly cmsSecretName: string;
  /**
   * Key of the token inside a JSON secret; empty for a plain-string secret.
   * @default 'NEXT_PUBLIC_API_KEY'
   */
  readonly cmsSecretKey: string;
  /**
   * Time budget in milliseconds for one CMS call, its retry included.
   * @default 3000
   */
  readonly cmsTimeoutMs: number;
  /**
   * Public URL of the website that share pages send people on to.
   * @default 'https://marchcroft.com'
   */
  readonly siteUrl: string;
  /**
   * Image of a share page whose case study has none that crawlers show.
   * @default '<siteUrl>/og-image.png'
   */
  readonly defaultShareImageUrl: string;
  /**
   * Public base URL of this API (a custom domain). Share pages name their own
   * URL in `og:url`; without this they take the request's domain.
   * @default - `https://<customDomain.domainName>` with a custom domain, else the domain of each request
   */
  readonly publicApiUrl?: string;
  /**
   * A custom domain for the API, mapped to its `$default` stage; the execute-api endpoint keeps working beside it.
   * @default - none: the API is reached on its execute-api domain only
   */
  readonly customDomain?: CustomDomainSettings;
  /**
   * Concurrent executions reserved for a function, by route or job id: its guaranteed share of the account's
   * concurrency, and also its cap, which bounds what it can do to what it calls. A job without an entry gets 1
   * (one run at a time); a route without one reserves nothing.
   * @default { Contact: 40, ContactMailer: 1 }
   */
  readonly reservedConcurrency: Readonly<Record<string, number>>;
  /**
   * Stage-wide default throttle for every route.
   * @default { rateLimit: 50, burstLimit: 100 }
   */
  readonly throttle: ThrottleSettings;
  /**
   * Days that function and access logs are kept; one of CloudWatch's allowed values.
   * @default 30
   */
  readonly logRetentionDays: number;
  /** @default { sharePageTtlSeconds: 300, sharePageNotFoundTtlSeconds: 60 } */
  readonly cache: CacheSettings;
  /**
   * @default { locales: ['en', 'es', 'pt', 'el'], defaultLocale: 'en', localeAliases: { gr: 'el' }, ttlSeconds: 300,
   *   routeTtlSeconds: { Sitemap: 3600 }, notFoundTtlSeconds: 60, staleWhileRevalidateSeconds: 86400 }
   */
  readonly content: ContentSettings;
  /**
   * @default { senderAddress: 'website@marchcroft.com', senderIdentity: 'marchcroft.com',
   *   recipients: ['sales@marchcroft.com'], retentionDays: 730, maxEmailAttempts: 5, retryDelaySeconds: 120,
   *   mailerIntervalMinutes: 1 }
   */
  readonly contact: ContactSettings;
  /**
   * The stage's alarms: thresholds, and the email address that hears of them.
   * @default DEFAULT_MONITORING_SETTINGS (lib/monitoring-settings.ts): no email subscription
   */
  readonly monitoring: MonitoringSettings;
}

export const DEFAULT_STAGE_CONFIG: Omit<StageConfig, 'stage' | 'defaultShareImageUrl'> = {
  corsAllowedOrigins: ['https://marchcroft.com', 'https://www.marchcroft.com'],
  cmsUrl: 'https://marchcroft.com',
  cmsSecretName: 'prod/marchcroft/secrets',
  cmsSecretKey: 'NEXT_PUBLIC_API_KEY',
  cmsTimeoutMs: 3000,
  siteUrl: 'https://marchcroft.com',
  reservedConcurrency: {
    // The form's capacity is kept for it when another route (a crawler on share pages) takes the account's pool.
    // As a cap it matches what the gateway lets through at once (burst 20 on each of its two paths), since a
    // Lambda throttle reaches the browser as a 500 and the site still says "sent": it bounds writes, never refuses a lead.
    Contact: 40,
    // One run at a time, as every job: two runs never claim the same submissions, and SES sees one sender.
    ContactMailer: 1,
  },
  throttle: { rateLimit: 50, burstLimit: 100 },
  logRetentionDays: 30,
  cache: { sharePageTtlSeconds: 300, sharePageNotFoundTtlSeconds: 60 },
  content: {
    locales: ['en', 'es', 'pt', 'el'],
    defaultLocale: 'en',
    // One of the site's configurations says `gr` for Greek, whose language code is `el`.
    localeAliases: { gr: 'el' },
    ttlSeconds: 300,
    // Crawlers read it a few times a day; it costs a CMS call per hundred entries.
    routeTtlSeconds: { Sitemap: 3600 },
    notFoundTtlSeconds: 60,
    staleWhileRevalidateSeconds: 86400,
  },
  contact: {
    senderAddress: 'website@marchcroft.com',
    senderIdentity: 'marchcroft.com',
    recipients: ['sales@marchcroft.com'],
    retentionDays: 730,
    maxEmailAttempts: 5,
    retryDelaySeconds: 120,
    mailerIntervalMinutes: 1,
  },
  monitoring: DEFAULT_MONITORING_SETTINGS,
};

/** The values CloudWatch Logs accepts as a retention period, in days. */
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const httpUrl = v.pipe(v.string(), v.url(), v.regex(/^https?:\/\//, 'must be an http(s) URL'), v.transform(stripTrailingSlash));
const positiveInteger = v.pipe(v.number(), v.integer(), v.minValue(1));

const emailAddress = v.pipe(v.string(), v.email());
const throttleSchema = v.object({ rateLimit: positiveInteger, burstLimit: positiveInteger });

/** Ids of every function of the app, routes' and jobs': a reservation for any other id is a typo. */
const FUNCTION_IDS = [...ROUTES, ...JOBS].map((definition) => definition.id);
const CONTENT_ROUTE_IDS = ROUTES.filter(isContentRoute).map((route) => route.id);

// Written into the functions' environment as comma and colon separated lists, so neither may be in one.
const localeCode = v.pipe(v.string(), v.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language code such as en or pt-BR'));
const contentSchema = v.partial(
  v.strictObject({
    locales: v.pipe(v.array(localeCode), v.minLength(1)),
    defaultLocale: localeCode,
    localeAliases: v.record(localeCode, localeCode),
    ttlSeconds: positiveInteger,
    routeTtlSeconds: v.record(v.picklist(CONTENT_ROUTE_IDS, `must be a content route id: ${CONTENT_ROUTE_IDS.join(', ')}`), positiveInteger),
    notFoundTtlSeconds: positiveInteger,
    staleWhileRevalidateSeconds: positiveInteger,
  }),
);
const customDomainSchema = v.strictObject({
  domainName: v.pipe(
    v.string(),
    v.maxLength(253, 'must be a domain name such as api.marchcroft.com'),
    v.regex(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i, 'must be a domain name such as api.marchcroft.com'),
    v.toLowerCase(),
  ),
  certificateArn: v.pipe(
    v.string(),
    v.regex(
      /^arn:aws(-[a-z]+)*:acm:[a-z]{2}(-[a-z]+)+-\d:\d{12}:certificate\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      'must be an ACM certificate ARN: arn:aws:acm:<region>:<account>:certificate/<id>',
    ),
  ),
});
const reservedConcurrencySchema = v.record(
  v.picklist(FUNCTION_IDS, `must be a route or job id: ${FUNCTION_IDS.join(', ')}`),
  // 0 is valid to Lambda, but it stops the function altogether.
  positiveInteger,
);

/** Overrides a stage may set in `cdk.json`; unknown keys are refused so a typo fails the synth. */
const stageOverridesSchema = v.strictObject({
  corsAllowedOrigins: v.optional(v.pipe(v.array(v.pipe(v.string(), v.regex(/^https?:\/\/[^/]+$/, 'must be an origin: scheme and host, no path'))), v.minLength(1))),
  cmsUrl: v.optional(httpUrl),
  cmsSecretName: v.optional(v.pipe(v.string(), v.minLength(1))),
  cmsSecretKey: v.optional(v.string()),
  cmsTimeoutMs: v.optional(v.pipe(positiveInteger, v.maxValue(8000, 'must leave the function time to answer within its 10 s timeout'))),
  siteUrl: v.optional(httpUrl),
  defaultShareImageUrl: v.optional(httpUrl),
  publicApiUrl: v.optional(httpUrl),
  customDomain: v.optional(customDomainSchema),
  reservedConcurrency: v.optional(reservedConcurrencySchema),
  throttle: v.optional(throttleSchema),
  logRetentionDays: v.optional(v.picklist(LOG_RETENTION_DAYS, `must be one of ${LOG_RETENTION_DAYS.join(', ')}`)),
  cache: v.optional(v.partial(v.strictObject({ sharePageTtlSeconds: positiveInteger, sharePageNotFoundTtlSeconds: positiveInteger }))),
  contact: v.optional(
    v.partial(
      v.strictObject({
        senderAddress: emailAddress,
        senderIdentity: v.pipe(v.string(), v.regex(/^([^@\s]+@)?[a-z0-9.-]+\.[a-z]{2,}$/i, 'must be a domain or an email address')),
        recipients: v.pipe(v.array(emailAddress), v.minLength(1)),
        retentionDays: positiveInteger,
        maxEmailAttempts: v.pipe(positiveInteger, v.maxValue(20)),
        retryDelaySeconds: v.pipe(v.number(), v.integer(), v.minValue(0)),
        mailerIntervalMinutes: v.pipe(positiveInteger, v.maxValue(60)),
      }),
    ),
  ),
  content: v.optional(contentSchema),
  // Resolved over the defaults by the schema itself; absent, the defaults stay.
  monitoring: v.optional(monitoringOverridesSchema),
});

export type StageOverrides = v.InferInput<typeof stageOverridesSchema>;

/**
 * The configuration of one stage: defaults, then the stage's overrides.
 * Throws, naming the offending key, when an override is invalid.
 */
export function resolveStageConfig(stage: string, overrides: unknown = {}): StageConfig {
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(stage)) {
    throw new Error(`Invalid stage name "${stage}": use lower-case letters, digits and hyphens, starting with a letter.`);
  }
  const result = v.safeParse(stageOverridesSchema, overrides ?? {});
  if (!result.success) {
    const problems = result.issues.map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`);
    throw new Error(`Invalid configuration for stage "${stage}": ${problems.join('; ')}`);
  }
  const { cache, contact, content: contentOverrides, ...rest } = result.output;
  const content = { ...DEFAULT_STAGE_CONFIG.content, ...contentOverrides };
  checkLocales(stage, content);
  const mail = { ...DEFAULT_STAGE_CONFIG.contact, ...contact };
  const identity = mail.senderIdentity.toLowerCase();
  const sender = mail.senderAddress.toLowerCase();
  if (identity.includes('@') ? sender !== identity : !sender.endsWith(`@${identity}`)) {
    // SES would refuse every send, and each submission would end up failed.
    throw new Error(`Invalid configuration for stage "${stage}": contact.senderAddress ${mail.senderAddress} is not of the identity contact.senderIdentity ${mail.senderIdentity}`);
  }
  const siteUrl = rest.siteUrl ?? DEFAULT_STAGE_CONFIG.siteUrl;
  return {
    ...DEFAULT_STAGE_CONFIG,
    defaultShareImageUrl: `${siteUrl}/og-image.png`,
    ...rest,
    // Share pages name the custom domain in `og:url` unless the stage names another public URL.
    ...(rest.customDomain && !rest.publicApiUrl ? { publicApiUrl: `https://${rest.customDomain.domainName}` } : {}),
    reservedConcurrency: { ...DEFAULT_STAGE_CONFIG.reservedConcurrency, ...rest.reservedConcurrency },
    stage,
    cache: { ...DEFAULT_STAGE_CONFIG.cache, ...cache },
    content,
    contact: mail,
  };
}

/** The default locale and every alias's target must be offered; an alias must not hide an offered locale. */
function checkLocales(stage: string, content: ContentSettings): void {
  const problems = [
    ...(content.locales.includes(content.defaultLocale) ? [] : [`content.defaultLocale ${content.defaultLocale} is not one of content.locales`]),
    ...Object.entries(content.localeAliases).flatMap(([alias, locale]) => [
      ...(content.locales.includes(locale) ? [] : [`content.localeAliases.${alias} names ${locale}, which is not one of content.locales`]),
      ...(content.locales.includes(alias) ? [`content.localeAliases.${alias} is itself one of content.locales`] : []),
    ]),
  ];
  if (problems.length > 0) throw new Error(`Invalid configuration for stage "${stage}": ${problems.join('; ')}`);
}

function stripTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** The part of a CDK context (or of `cdk.json`'s `context`) that selects and configures a stage. */
export interface StageContext {
  /** `-c stage=prod`. */
  readonly stage?: unknown;
  /** `stages` in `cdk.json`: overrides per stage name. */
  readonly stages?: unknown;
}

/**
 * Picks the stage named by the context (default `dev`) and resolves its
 * configuration. Only stages listed under `stages` exist, so a typo such as
 * `-c stage=prdo` fails instead of deploying a new stage.
 */
export function stageConfigFromContext(context: StageContext): StageConfig {
  const stage = context.stage ?? 'dev';
  const stages = (context.stages ?? {}) as Record<string, unknown>;
  if (typeof stage !== 'string' || !Object.hasOwn(stages, stage)) {
    throw new Error(`Unknown stage "${String(stage)}": cdk.json defines ${Object.keys(stages).join(', ') || 'no stages'}.`);
  }
  return resolveStageConfig(stage, stages[stage]);
}
