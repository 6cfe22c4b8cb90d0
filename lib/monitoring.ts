import { Duration, Stack } from 'aws-cdk-lib';
import {
  type AlarmBase,
  ComparisonOperator,
  type Dashboard,
  LogQueryVisualizationType,
  LogQueryWidget,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import {
  type CustomAlarmThreshold,
  type CustomMetricGroup,
  DefaultDashboardFactory,
  GraphWidgetType,
  MonitoringFacade,
  notifySns,
} from 'cdk-monitoring-constructs';
import { Construct } from 'constructs';
import type { ApiFunction } from './api-function';
import type { StageConfig } from './config';
import { METRICS_NAMESPACE, SERVICE_NAME } from './function-settings';
import type { MarchcroftHttpApi } from './marchcroft-http-api';
import type { AlarmEvaluation, CountAlarmSettings } from './monitoring-settings';
import { type RouteDefinition, routePaths } from './routes';

/** Properties of a {@link MarchcroftMonitoring}. */
export interface MarchcroftMonitoringProps {
  /** The stage: its name, and its `monitoring` settings (thresholds, alarm email). */
  readonly config: StageConfig;
  /** The stage's HTTP API (whole-API metrics, and route metrics: the stage has detailed metrics on). */
  readonly api: MarchcroftHttpApi;
  /** The routes the API serves: one latency alarm per route key. */
  readonly routes: readonly RouteDefinition[];
  /** Every function of the stage, routes' and jobs', by id: errors and throttles alarms, cold starts, error logs. */
  readonly functions: ReadonlyMap<string, ApiFunction>;
}


/** The severity every alarm here has: each one goes to the stage's one topic. */
const SEVERITY = 'Critical';

/** What the alarm email says first; the README's runbook has the rest. */
const RUNBOOK = 'What to do: README, "Alarms runbook".';

/**
 * The console URL of a CloudWatch dashboard. `region` may be a token (an
 * environment-agnostic stack); the console domain is that of the `aws`
 * partition.
 */
export function dashboardConsoleUrl(region: string, dashboardName: string): string {
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards/dashboard/${dashboardName}`;
}

/**
 * What operators look at and hear from for one stage, built with
 * cdk-monitoring-constructs: one dashboard (the API, every route key, every
 * function, the handlers' business metrics, the latest error logs) and the
 * stage's alarms, all sent to one SNS topic that only accepts TLS publishers,
 * with an email subscription when `config.monitoring.alarmEmail` is set.
 * Every threshold is `config.monitoring`'s; missing data never breaches.
 */
export class MarchcroftMonitoring extends Construct {
  /** Where every alarm sends, when it fires and when it is OK again. */
  readonly topic: Topic;
  /** The stage's dashboard. */
  readonly dashboard: Dashboard;
  /** `marchcroft-api-<stage>`: the dashboard's name, and the prefix of every alarm name. */
  readonly dashboardName: string;
  /** The dashboard in the CloudWatch console of the stack's region. */
  readonly dashboardUrl: string;
  /** The library's facade, for adding more sections or alarms. */
  readonly facade: MonitoringFacade;

  constructor(scope: Construct, id: string, props: MarchcroftMonitoringProps) {
    super(scope, id);
    const { config, api, routes, functions } = props;
    const settings = config.monitoring;
    this.dashboardName = `${SERVICE_NAME}-${config.stage}`;

    // Not encrypted: cdk-nag's AwsSolutions pack asks only for TLS (SNS3), which `enforceSSL` gives (a topic policy
    // denying sns:Publish without aws:SecureTransport). The AWS managed key (aws/sns) would stop CloudWatch from
    // publishing at all (its key policy cannot be granted to cloudwatch.amazonaws.com), and alarm states are not secrets.
    this.topic = new Topic(this, 'AlarmTopic', { displayName: `Marchcroft API ${config.stage} alarms`, enforceSSL: true });
    if (settings.alarmEmail !== undefined) this.topic.addSubscription(new EmailSubscription(settings.alarmEmail));

    const dashboards = new DefaultDashboardFactory(this, 'Dashboards', {
      dashboardNamePrefix: this.dashboardName,
      createDashboard: true,
      createSummaryDashboard: false,
      createAlarmDashboard: false,
    });
    this.facade = new MonitoringFacade(this, 'Facade', {
      alarmFactoryDefaults: { alarmNamePrefix: this.dashboardName, actionsEnabled: true, action: notifySns(this.topic, this.topic) },
      metricFactoryDefaults: { period: Duration.minutes(5) },
      dashboardFactory: dashboards,
    });
    const dashboard = dashboards.createdDashboard();
    if (!dashboard) throw new Error(`${this.node.path}: the monitoring library made no dashboard.`);
    this.dashboard = dashboard;
    this.dashboardUrl = dashboardConsoleUrl(Stack.of(this).region, this.dashboardName);

    const httpApi = api.httpApi;
    const apiStage = api.stage.stageName;
    const facade = this.facade.addLargeHeader(`Marchcroft API · ${config.stage}`);

    // The whole API: requests, 4xx, 5xx, latency and integration latency (p50, p90, p99), and the 5xx alarm.
    facade.monitorApiGatewayV2HttpApi({ api: httpApi, apiStage, humanReadableName: `${httpApi.httpApiName ?? 'API'} (all routes)`, alarmFriendlyName: 'Api' });
    const rate = settings.api5xxRate;
    const apiMetric = (metricName: string) =>
      new Metric({ namespace: 'AWS/ApiGateway', metricName, dimensionsMap: { ApiId: httpApi.apiId, Stage: apiStage }, statistic: 'Sum', period: minutes(rate) });
    facade.monitorCustom({
      humanReadableName: 'API 5xx share of requests',
      alarmFriendlyName: 'Api',
      metricGroups: [
        {
          title: `5xx / requests (periods of at least ${rate.minRequests} requests)`,
          metrics: [
            {
              // 5xx / Count, not the 5xx metric's average: a ratio by definition, whatever API Gateway emits per request.
              metric: new MathExpression({
                expression: `IF(requests >= ${rate.minRequests}, FILL(errors, 0) / requests)`,
                usingMetrics: { requests: apiMetric('Count'), errors: apiMetric('5xx') },
                label: '5xx share',
                period: minutes(rate),
              }),
              alarmFriendlyName: '5xx-Rate',
              addAlarm: {
                [SEVERITY]: {
                  threshold: rate.maxRate,
                  comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
                  ...evaluation(rate),
                  alarmDescriptionOverride: describe(config, `More than ${percent(rate.maxRate)} of the API's requests answered 5xx (periods of at least ${rate.minRequests} requests).`),
                },
              },
            },
          ],
        },
      ],
    });

    // Every route key: its own requests, errors and latencies (detailed metrics: dimensions Method and Resource), and its p99 alarm.
    facade.addMediumHeader('Routes');
    const latency = settings.routeLatencyP99;
    for (const route of routes) {
      const maxMs = latency.routes[route.id] ?? latency.maxMs;
      for (const path of routePaths(route)) {
        for (const method of route.methods) {
          const key = `${method} ${path}`;
          facade.monitorApiGatewayV2HttpApi({
            api: httpApi,
            apiStage,
            apiMethod: method,
            apiResource: path,
            humanReadableName: key,
            alarmFriendlyName: `${route.id}-${method}-${alarmFriendly(path)}`,
            addLatencyP99Alarm: {
              [SEVERITY]: {
                maxLatency: Duration.millis(maxMs),
                ...evaluation(latency),
                alarmDescriptionOverride: describe(config, `p99 latency of ${key} above ${maxMs} ms.`),
              },
            },
          });
        }
      }
    }

    // Every function: invocations, errors, throttles, duration p50/p90/p99, concurrent executions, and its alarms.
    facade.addMediumHeader('Functions');
    for (const [functionId, apiFunction] of functions) {
      facade.monitorLambdaFunction({
        lambdaFunction: apiFunction.fn,
        humanReadableName: `${functionId} function`,
        alarmFriendlyName: functionId,
        isIterator: false,
        addFaultCountAlarm: {
          [SEVERITY]: {
            maxErrorCount: settings.functionErrors.maxCount,
            ...evaluation(settings.functionErrors),
            alarmDescriptionOverride: describe(config, `The ${functionId} function failed ${countPhrase(settings.functionErrors)} (Lambda Errors).`),
          },
        },
        addThrottlesCountAlarm: {
          [SEVERITY]: {
            maxErrorCount: settings.functionThrottles.maxCount,
            ...evaluation(settings.functionThrottles),
            alarmDescriptionOverride: describe(config, `The ${functionId} function was throttled ${countPhrase(settings.functionThrottles)} (Lambda Throttles).`),
          },
        },
      });
    }
    facade.monitorCustom({
      humanReadableName: 'Cold starts',
      alarmFriendlyName: 'ColdStarts',
      metricGroups: [
        {
          title: 'Cold starts per function (ColdStart)',
          graphWidgetType: GraphWidgetType.STACKED_AREA,
          metrics: [...functions].map(([functionId, apiFunction]) =>
            handlerMetric(config.stage, 'ColdStart', functionId, { function_name: apiFunction.fn.functionName }),
          ),
        },
      ],
    });

    // What the handlers count (namespace Marchcroft, dimensions service and stage).
    facade.addMediumHeader('Business metrics');
    facade.monitorCustom({
      humanReadableName: 'Share pages and the CMS',
      alarmFriendlyName: 'SharePages',
      metricGroups: [
        counts(config.stage, 'Share pages', ['SharePageRendered', 'SharePageNotFound', 'SharePageStale', 'SharePageUnavailable']),
        {
          title: 'CMS',
          metrics: [
            countAlarm(config, 'CmsRequestFailed', settings.cmsFailures, `More CMS requests failed than ${settings.cmsFailures.maxCount} in ${settings.cmsFailures.periodMinutes} min (share pages and content answered stale, or not at all).`),
            handlerMetric(config.stage, 'CmsCacheHit'),
          ],
        },
        counts(config.stage, 'Unhandled errors (answered 500, or a failed job run)', ['UnhandledError']),
      ],
    });
    // The content routes count with a `route` dimension as well (lambda/shared/powertools.ts): one line per route.
    facade.monitorCustom({
      humanReadableName: 'Content routes',
      alarmFriendlyName: 'Content',
      metricGroups: [
        byRoute(config.stage, 'Answered 200 (ContentServed)', 'ContentServed'),
        byRoute(config.stage, 'Answered 304 (ContentNotModified)', 'ContentNotModified'),
        byRoute(config.stage, 'Served from memory (CmsCacheHit)', 'CmsCacheHit'),
        byRoute(config.stage, 'Stale copies while the CMS failed (ContentStale)', 'ContentStale'),
        byRoute(config.stage, 'Answered 502: CMS failed, no copy (ContentUnavailable)', 'ContentUnavailable'),
        byRoute(config.stage, 'Answered 400 (ContentRejected)', 'ContentRejected'),
        byRoute(config.stage, 'Answered 404 (ContentNotFound)', 'ContentNotFound'),
      ],
    });
    const anomaly = settings.contactVolumeAnomaly;
    facade.monitorCustom({
      humanReadableName: 'Contact form',
      alarmFriendlyName: 'Contact',
      metricGroups: [
        {
          title: `Submissions per ${anomaly.periodMinutes} min`,
          metrics: [
            {
              metric: handlerMetric(config.stage, 'ContactSubmitted').with({ period: minutes(anomaly) }),
              period: minutes(anomaly),
              alarmFriendlyName: 'ContactSubmitted-Anomaly',
              anomalyDetectionStandardDeviationToRender: anomaly.standardDeviations,
              addAlarmOnAnomaly: {
                [SEVERITY]: {
                  standardDeviationForAlarm: anomaly.standardDeviations,
                  alarmWhenAboveTheBand: true,
                  alarmWhenBelowTheBand: false,
                  ...evaluation(anomaly),
                  alarmDescriptionOverride: describe(config, `Contact submissions above their expected band (${anomaly.standardDeviations} standard deviations, ${anomaly.periodMinutes} min periods).`),
                },
              },
            },
          ],
        },
        counts(config.stage, 'Other outcomes', ['ContactDuplicate', 'ContactSpam']),
        {
          title: 'Rejected, by reason',
          graphWidgetType: GraphWidgetType.STACKED_AREA,
          metrics: [
            // Every `reason` the handler has, including one added later.
            new MathExpression({
              expression: `SEARCH('{${METRICS_NAMESPACE},reason,service,stage} service="${SERVICE_NAME}" stage="${config.stage}" MetricName="ContactRejected"', 'Sum', 300)`,
              usingMetrics: {},
              label: "${PROP('Dim.reason')}",
              period: Duration.minutes(5),
            }),
          ],
        },
        {
          title: 'Not stored (answered 503)',
          metrics: [countAlarm(config, 'ContactStoreFailed', settings.contactStoreFailed, `Contact submissions could not be stored ${countPhrase(settings.contactStoreFailed)}: visitors were answered 503.`)],
        },
      ],
    });
    facade.monitorCustom({
      humanReadableName: 'Contact mailer',
      alarmFriendlyName: 'ContactMailer',
      metricGroups: [
        counts(config.stage, 'Emails', ['ContactEmailSent', 'ContactEmailRetried']),
        {
          title: 'Failed notifications (failed + unconfirmed)',
          metrics: [
            countAlarm(config, 'ContactEmailFailed', settings.contactEmailFailed, `Contact submissions reached no one ${countPhrase(settings.contactEmailFailed)}: the mailer gave up on them or could not confirm the send.`),
          ],
        },
      ],
    });

    // The latest error lines of every function (Powertools' and the runtime's JSON lines both carry `level`).
    const logGroupNames = [...functions.values()].map((apiFunction) => apiFunction.logGroup.logGroupName);
    facade.addMediumHeader('Logs');
    facade.addWidget(
      new LogQueryWidget({
        title: 'Latest errors, all functions (level ERROR)',
        logGroupNames,
        view: LogQueryVisualizationType.TABLE,
        queryLines: [
          'fields @timestamp, @log, message, error.name, error.message, errorType, errorMessage, correlation_id',
          'filter level = "ERROR"',
          'sort @timestamp desc',
          'limit 100',
        ],
        width: 24,
        height: 8,
      }),
    );
  }

  /** Every alarm of the stage, in the order they were made. */
  get alarms(): AlarmBase[] {
    return this.facade.createdAlarms().map((created) => created.alarm);
  }
}

/** A handler metric of one stage: namespace Marchcroft, dimensions `service` and `stage` (and any more), summed over 5 minutes. */
function handlerMetric(stage: string, metricName: string, label: string = metricName, dimensions: Record<string, string> = {}): Metric {
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { service: SERVICE_NAME, stage, ...dimensions },
    statistic: 'Sum',
    label,
    period: Duration.minutes(5),
  });
}

/** One widget of a content metric, one line per route: every route that counts it, including one added later. */
function byRoute(stage: string, title: string, metricName: string): CustomMetricGroup {
  return {
    title,
    graphWidgetType: GraphWidgetType.STACKED_AREA,
    metrics: [
      new MathExpression({
        expression: `SEARCH('{${METRICS_NAMESPACE},route,service,stage} service="${SERVICE_NAME}" stage="${stage}" MetricName="${metricName}"', 'Sum', 300)`,
        usingMetrics: {},
        label: "${PROP('Dim.route')}",
        period: Duration.minutes(5),
      }),
    ],
  };
}

/** One widget of handler counts, one line each. */
function counts(stage: string, title: string, metricNames: readonly string[]): CustomMetricGroup {
  return { title, metrics: metricNames.map((metricName) => handlerMetric(stage, metricName)) };
}

/** A handler count with its alarm: above `maxCount` in a period. */
function countAlarm(config: StageConfig, metricName: string, settings: CountAlarmSettings, what: string) {
  return {
    metric: handlerMetric(config.stage, metricName).with({ period: minutes(settings) }),
    alarmFriendlyName: metricName,
    addAlarm: {
      [SEVERITY]: {
        threshold: settings.maxCount,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        ...evaluation(settings),
        alarmDescriptionOverride: describe(config, what),
      },
    },
  };
}

/** The evaluation of an alarm as the library takes it; missing data (nothing happened) never breaches. */
function evaluation(settings: AlarmEvaluation): Pick<CustomAlarmThreshold, 'period' | 'datapointsToAlarm' | 'evaluationPeriods' | 'treatMissingDataOverride'> {
  return {
    period: minutes(settings),
    datapointsToAlarm: settings.datapointsToAlarm,
    evaluationPeriods: settings.evaluationPeriods,
    treatMissingDataOverride: TreatMissingData.NOT_BREACHING,
  };
}

function minutes(settings: AlarmEvaluation): Duration {
  return Duration.minutes(settings.periodMinutes);
}

function describe(config: StageConfig, what: string): string {
  return `Marchcroft API ${config.stage}: ${what} ${RUNBOOK}`;
}

function countPhrase(settings: CountAlarmSettings): string {
  const times = settings.maxCount === 0 ? 'at least once' : `more than ${settings.maxCount} times`;
  return `${times} in ${settings.periodMinutes} min`;
}

function percent(rate: number): string {
  return `${Number((rate * 100).toFixed(2))} %`;
}

/** A path as part of an alarm name, which allows letters, digits, `-`, `_` and `.` only. */
function alarmFriendly(path: string): string {
  return path.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
