import * as v from 'valibot';
import { isContentRoute, ROUTES } from './routes';

/**
 * How long a threshold must be crossed before an alarm fires: in
 * `datapointsToAlarm` of the last `evaluationPeriods` periods of
 * `periodMinutes` each ("M out of N"). Missing data is never breaching.
 */
export interface AlarmEvaluation {
  /** Minutes per datapoint. */
  readonly periodMinutes: number;
  /** Datapoints over the threshold that make the alarm fire. */
  readonly datapointsToAlarm: number;
  /** The datapoints looked at; at least `datapointsToAlarm`. */
  readonly evaluationPeriods: number;
}

/** An alarm on a count: it fires when a period's sum is above `maxCount` (0: any at all). */
export interface CountAlarmSettings extends AlarmEvaluation {
  readonly maxCount: number;
}

/** The API's 5xx answers as a share of its requests. */
export interface ErrorRateAlarmSettings extends AlarmEvaluation {
  /** The share (0 to 1) of a period's requests answered 5xx above which the alarm fires. */
  readonly maxRate: number;
  /** Fewer requests than this in a period: the period is not evaluated (one failed request out of two is not an outage). */
  readonly minRequests: number;
}

/** p99 latency of each route key, as API Gateway measures it (gateway and function together). */
export interface LatencyAlarmSettings extends AlarmEvaluation {
  /** Milliseconds above which a route key's p99 breaches. */
  readonly maxMs: number;
  /** Per route id (of the route table), a threshold in place of `maxMs` for every key of that route. */
  readonly routes: Readonly<Record<string, number>>;
}

/** A CloudWatch anomaly detection band around a metric's learned pattern. */
export interface AnomalyAlarmSettings extends AlarmEvaluation {
  /** Width of the band in standard deviations; above its upper edge breaches. */
  readonly standardDeviations: number;
}

/**
 * What the stage's alarms fire on, and who hears of it. Every alarm sends to
 * the stage's one SNS topic (when it fires and when it is OK again).
 */
export interface MonitoringSettings {
  /**
   * Email address subscribed to the alarm topic; AWS mails it a link to confirm before anything is delivered.
   * @default - none: the topic has no subscription (subscribe outside the stack, or read the alarms in the console)
   */
  readonly alarmEmail?: string;
  /** The API's 5xx answers as a share of its requests, over the whole API. */
  readonly api5xxRate: ErrorRateAlarmSettings;
  /** p99 latency of every route key. */
  readonly routeLatencyP99: LatencyAlarmSettings;
  /** Failed invocations (`Errors`) of each function: an exception out of the handler, a timeout, a crash. */
  readonly functionErrors: CountAlarmSettings;
  /** Throttled invocations (`Throttles`) of each function. */
  readonly functionThrottles: CountAlarmSettings;
  /** `ContactEmailFailed`: submissions the mailer gave up on (failed) or whose send it could not confirm (unconfirmed). */
  readonly contactEmailFailed: CountAlarmSettings;
  /** `ContactStoreFailed`: submissions the contact form could not store (answered 503). */
  readonly contactStoreFailed: CountAlarmSettings;
  /** `CmsRequestFailed`: share pages and content answers for which the CMS could not be read (served stale, or unavailable). */
  readonly cmsFailures: CountAlarmSettings;
  /** `ContactSubmitted` above its anomaly detection band (a flood of submissions: a bot past the honeypot, a client loop). */
  readonly contactVolumeAnomaly: AnomalyAlarmSettings;
}

export const DEFAULT_MONITORING_SETTINGS: MonitoringSettings = {
  // 5 % of at least 10 requests, in 2 of 3 five-minute periods.
  api5xxRate: { maxRate: 0.05, minRequests: 10, periodMinutes: 5, datapointsToAlarm: 2, evaluationPeriods: 3 },
  // Sustained for 15 minutes, so one cold start on a quiet route is not an alarm. The share page and the content
  // routes call the CMS (a 3 s budget, its retry included) on a cache miss, hence their own threshold.
  routeLatencyP99: {
    maxMs: 3000,
    routes: Object.fromEntries(ROUTES.filter((route) => route.id === 'ShareCaseStudy' || isContentRoute(route)).map((route) => [route.id, 5000])),
    periodMinutes: 5,
    datapointsToAlarm: 3,
    evaluationPeriods: 3,
  },
  functionErrors: { maxCount: 0, periodMinutes: 5, datapointsToAlarm: 1, evaluationPeriods: 1 },
  functionThrottles: { maxCount: 0, periodMinutes: 5, datapointsToAlarm: 1, evaluationPeriods: 1 },
  // Each one is a lead that reached no one: any at all.
  contactEmailFailed: { maxCount: 0, periodMinutes: 5, datapointsToAlarm: 1, evaluationPeriods: 1 },
  contactStoreFailed: { maxCount: 0, periodMinutes: 5, datapointsToAlarm: 1, evaluationPeriods: 1 },
  // A blip (one slow answer) is absorbed by stale serving; more than 5 in 5 minutes is the CMS being down or refusing the token.
  cmsFailures: { maxCount: 5, periodMinutes: 5, datapointsToAlarm: 1, evaluationPeriods: 1 },
  contactVolumeAnomaly: { standardDeviations: 3, periodMinutes: 60, datapointsToAlarm: 1, evaluationPeriods: 1 },
};

const positiveInteger = v.pipe(v.number(), v.integer(), v.minValue(1));
const nonNegativeInteger = v.pipe(v.number(), v.integer(), v.minValue(0));
/** CloudWatch alarm periods are whole minutes here, one day at most. */
const evaluationEntries = {
  periodMinutes: v.pipe(positiveInteger, v.maxValue(1440)),
  datapointsToAlarm: positiveInteger,
  evaluationPeriods: positiveInteger,
};
/** Ids of the route table's routes: a latency threshold for any other id is a typo. */
const ROUTE_IDS = ROUTES.map((route) => route.id);
const countAlarm = v.optional(v.partial(v.strictObject({ maxCount: nonNegativeInteger, ...evaluationEntries })));

const overridesSchema = v.strictObject({
  alarmEmail: v.optional(v.pipe(v.string(), v.email())),
  api5xxRate: v.optional(
    v.partial(v.strictObject({ maxRate: v.pipe(v.number(), v.minValue(0), v.maxValue(1)), minRequests: nonNegativeInteger, ...evaluationEntries })),
  ),
  routeLatencyP99: v.optional(
    v.partial(v.strictObject({ maxMs: positiveInteger, routes: v.record(v.picklist(ROUTE_IDS, `must be a route id: ${ROUTE_IDS.join(', ')}`), positiveInteger), ...evaluationEntries })),
  ),
  functionErrors: countAlarm,
  functionThrottles: countAlarm,
  contactEmailFailed: countAlarm,
  contactStoreFailed: countAlarm,
  cmsFailures: countAlarm,
  contactVolumeAnomaly: v.optional(v.partial(v.strictObject({ standardDeviations: v.pipe(v.number(), v.gtValue(0)), ...evaluationEntries }))),
});

type AlarmKey = Exclude<keyof MonitoringSettings, 'alarmEmail'>;
const ALARM_KEYS = Object.keys(DEFAULT_MONITORING_SETTINGS) as AlarmKey[];

/** The stage's overrides over {@link DEFAULT_MONITORING_SETTINGS}, alarm by alarm and key by key. */
function mergeMonitoringSettings(overrides: v.InferOutput<typeof overridesSchema>): MonitoringSettings {
  const { alarmEmail, routeLatencyP99, ...alarms } = overrides;
  const merged = Object.fromEntries(ALARM_KEYS.map((key) => [key, { ...DEFAULT_MONITORING_SETTINGS[key], ...alarms[key as keyof typeof alarms] }]));
  return {
    ...(merged as Omit<MonitoringSettings, 'alarmEmail'>),
    routeLatencyP99: {
      ...DEFAULT_MONITORING_SETTINGS.routeLatencyP99,
      ...routeLatencyP99,
      routes: { ...DEFAULT_MONITORING_SETTINGS.routeLatencyP99.routes, ...routeLatencyP99?.routes },
    },
    ...(alarmEmail === undefined ? {} : { alarmEmail }),
  };
}

/** The alarms of `settings` whose evaluation is wrong, named for the error message. */
function offending(settings: MonitoringSettings, wrong: (alarm: AlarmEvaluation) => boolean): string {
  return ALARM_KEYS.filter((key) => wrong(settings[key])).join(', ');
}

/**
 * `monitoring` in a stage's `cdk.json` entry: any subset of the settings
 * (unknown keys refused), resolved over the defaults. A stage that sets
 * nothing keeps {@link DEFAULT_MONITORING_SETTINGS}.
 */
export const monitoringOverridesSchema = v.pipe(
  overridesSchema,
  v.transform(mergeMonitoringSettings),
  v.check(
    (settings) => ALARM_KEYS.every((key) => settings[key].datapointsToAlarm <= settings[key].evaluationPeriods),
    (issue) => `${offending(issue.input, (alarm) => alarm.datapointsToAlarm > alarm.evaluationPeriods)}: datapointsToAlarm must not exceed evaluationPeriods`,
  ),
  v.check(
    (settings) => ALARM_KEYS.every((key) => settings[key].periodMinutes * settings[key].evaluationPeriods <= 1440),
    (issue) => `${offending(issue.input, (alarm) => alarm.periodMinutes * alarm.evaluationPeriods > 1440)}: periodMinutes × evaluationPeriods must not exceed one day (1440)`,
  ),
);
