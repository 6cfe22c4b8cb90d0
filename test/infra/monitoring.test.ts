import { Template } from 'aws-cdk-lib/assertions';
import type { CfnApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import type { CfnTopic } from 'aws-cdk-lib/aws-sns';
import { resolveStageConfig, type StageConfig } from '../../lib/config';
import { JOBS } from '../../lib/jobs';
import { MarchcroftApiStack } from '../../lib/marchcroft-api-stack';
import { dashboardConsoleUrl } from '../../lib/monitoring';
import { DEFAULT_MONITORING_SETTINGS } from '../../lib/monitoring-settings';
import { isContentRoute, ROUTES, routePaths } from '../../lib/routes';
import { CDK_JSON_STAGES, cdkJsonStageConfig, cdkJsonStageStack, ENV, newApp } from './support';

type Resources = Record<string, { Type: string; Properties: any }>;

interface Synthesized {
  readonly stack: MarchcroftApiStack;
  readonly config: StageConfig;
  readonly template: Template;
  readonly resources: Resources;
  readonly outputs: Record<string, { Value: unknown }>;
}

function synthesized(stack: MarchcroftApiStack, config: StageConfig): Synthesized {
  const template = Template.fromStack(stack);
  const { Resources: resources, Outputs: outputs } = template.toJSON() as { Resources: Resources; Outputs: Synthesized['outputs'] };
  return { stack, config, template, resources, outputs };
}

/** A stage as `cdk synth -c stage=<stage>` builds it (cdk.json's context and feature flags), for an account and region. */
function cdkJsonStage(stage: string): Synthesized {
  return synthesized(cdkJsonStageStack(stage, ENV).stack, cdkJsonStageConfig(stage));
}

/** A stack of `config` (the construct tests' app: no cdk.json feature flags). */
function stageOf(config: StageConfig): Synthesized {
  return synthesized(new MarchcroftApiStack(newApp(), `MarchcroftApi-${config.stage}`, { config, env: ENV }), config);
}

const FUNCTION_IDS = [...ROUTES, ...JOBS].map((definition) => definition.id);
/** Every route key as API Gateway's detailed metrics name it: Method and Resource (the path). */
const ROUTE_KEYS = ROUTES.flatMap((route) => routePaths(route).flatMap((path) => route.methods.map((method) => ({ route, method, path }))));
const BUSINESS_METRICS = [
  'SharePageRendered', 'SharePageNotFound', 'SharePageStale', 'SharePageUnavailable', 'CmsRequestFailed', 'CmsCacheHit', 'UnhandledError',
  'ContactSubmitted', 'ContactDuplicate', 'ContactSpam', 'ContactRejected', 'ContactStoreFailed', 'ContactEmailSent', 'ContactEmailRetried', 'ContactEmailFailed',
];

const ofType = ({ resources }: Synthesized, type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
const alarms = (synth: Synthesized) => ofType(synth, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
const alarmNamed = (synth: Synthesized, name: string) => {
  const found = alarms(synth).filter((alarm) => alarm.AlarmName === `marchcroft-api-${synth.config.stage}-${name}`);
  expect(found).toHaveLength(1);
  return found[0];
};
const topicRef = ({ stack }: Synthesized) => ({ Ref: stack.getLogicalId(stack.monitoring.topic.node.defaultChild as CfnTopic) });
const fnRef = ({ stack }: Synthesized, id: string) => ({ Ref: stack.getLogicalId(stack.functions.get(id)!.fn.node.defaultChild as CfnFunction) });
const apiRef = ({ stack }: Synthesized) => ({ Ref: stack.getLogicalId(stack.api.httpApi.node.defaultChild as CfnApi) });
/** The one metric an alarm on a single metric reads, as the library writes it (a `Metrics` entry). */
const onlyMetric = (alarm: any) => {
  expect(alarm.Metrics).toHaveLength(1);
  return alarm.Metrics[0].MetricStat;
};
/** The dashboard body with every reference written `${logicalId}`, as one string. */
const dashboardBody = (synth: Synthesized) => {
  const [[, dashboard]] = ofType(synth, 'AWS::CloudWatch::Dashboard');
  const body = dashboard!.Properties.DashboardBody;
  const parts: unknown[] = typeof body === 'string' ? [body] : body['Fn::Join'][1];
  return parts.map((part) => (typeof part === 'string' ? part : `\${${JSON.stringify(part)}}`)).join('');
};

describe('MarchcroftMonitoring', () => {
  const stages = {} as Record<'dev' | 'prod', Synthesized>;
  beforeAll(() => {
    stages.dev = cdkJsonStage('dev');
    stages.prod = cdkJsonStage('prod');
  });
  const each = it.each(['dev', 'prod'] as const);

  it('covers every stage of cdk.json', () => {
    expect(CDK_JSON_STAGES).toEqual(['dev', 'prod']);
  });

  describe('the dashboard', () => {
    each('is one per stage, named for it (%s)', (stage) => {
      const synth = stages[stage];
      synth.template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
      synth.template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: `marchcroft-api-${stage}` });
      expect(synth.stack.monitoring.dashboardName).toBe(`marchcroft-api-${stage}`);
    });

    each('shows the API, then every route key, with requests, 4xx, 5xx, latency and integration latency p50/p90/p99 (%s)', (stage) => {
      const body = dashboardBody(stages[stage]);
      const api = JSON.stringify(apiRef(stages[stage]));
      for (const metric of ['Count', '4xx', '5xx', 'Latency', 'IntegrationLatency']) {
        expect(body).toContain(`["AWS/ApiGateway","${metric}","ApiId","\${${api}}","Stage","$default"`);
        for (const { method, path } of ROUTE_KEYS) {
          expect(body).toContain(`["AWS/ApiGateway","${metric}","ApiId","\${${api}}","Method","${method}","Resource","${path}","Stage","$default"`);
        }
      }
      for (const stat of ['p50', 'p90', 'p99']) expect(body).toContain(`"stat":"${stat}"`);
    });

    each('shows every function: invocations, errors, throttles, duration, concurrent executions, and its ColdStart count (%s)', (stage) => {
      const synth = stages[stage];
      const body = dashboardBody(synth);
      for (const id of FUNCTION_IDS) {
        const fn = `\${${JSON.stringify(fnRef(synth, id))}}`;
        for (const metric of ['Invocations', 'Errors', 'Throttles', 'Duration', 'ConcurrentExecutions']) {
          expect(body).toContain(`["AWS/Lambda","${metric}","FunctionName","${fn}"`);
        }
        expect(body).toContain(`["Marchcroft","ColdStart","function_name","${fn}","service","marchcroft-api","stage","${stage}",{"label":"${id}"`);
      }
    });

    each('shows every business metric the handlers emit, in namespace Marchcroft with dimension service (%s)', (stage) => {
      const body = dashboardBody(stages[stage]);
      for (const metric of BUSINESS_METRICS.filter((name) => name !== 'ContactRejected')) {
        expect(body).toContain(`["Marchcroft","${metric}","service","marchcroft-api","stage","${stage}"`);
      }
      // ContactRejected also has `reason`: every reason, by search.
      expect(body).toContain(`SEARCH('{Marchcroft,reason,service,stage} service=\\"marchcroft-api\\" stage=\\"${stage}\\" MetricName=\\"ContactRejected\\"', 'Sum', 300)`);
    });

    each('shows each content metric per route, by search over the route dimension (%s)', (stage) => {
      const body = dashboardBody(stages[stage]);
      for (const metric of ['ContentServed', 'ContentNotModified', 'CmsCacheHit', 'ContentStale', 'ContentUnavailable', 'ContentRejected', 'ContentNotFound']) {
        expect(body).toContain(`SEARCH('{Marchcroft,route,service,stage} service=\\"marchcroft-api\\" stage=\\"${stage}\\" MetricName=\\"${metric}\\"', 'Sum', 300)`);
      }
    });

    each('has a Logs Insights table of the latest ERROR lines of every function log group (%s)', (stage) => {
      const synth = stages[stage];
      const body = dashboardBody(synth);
      const sources = FUNCTION_IDS.map((id) => {
        const logGroup = synth.stack.getLogicalId(synth.stack.functions.get(id)!.logGroup.node.defaultChild as CfnLogGroup);
        return `SOURCE '\${${JSON.stringify({ Ref: logGroup })}}'`;
      });
      expect(body).toContain(`"type":"log"`);
      expect(body).toContain(`"query":"${sources.join(' | ')} | fields @timestamp, @log, message`);
      expect(body).toContain('| filter level = \\"ERROR\\"\\n| sort @timestamp desc');
    });
  });

  describe('the alarm topic', () => {
    each('is one topic that refuses publishers without TLS (cdk-nag SNS3), unencrypted so CloudWatch can publish (%s)', (stage) => {
      const synth = stages[stage];
      synth.template.resourceCountIs('AWS::SNS::Topic', 1);
      synth.template.hasResourceProperties('AWS::SNS::Topic', { DisplayName: `Marchcroft API ${stage} alarms` });
      expect(ofType(synth, 'AWS::SNS::Topic')[0]![1].Properties.KmsMasterKeyId).toBeUndefined();
      synth.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        Topics: [topicRef(synth)],
        PolicyDocument: {
          Statement: [
            { Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: topicRef(synth), Condition: { Bool: { 'aws:SecureTransport': 'false' } }, Sid: 'AllowPublishThroughSSLOnly' },
          ],
        },
      });
    });

    each('has no subscription by default (%s)', (stage) => {
      expect(stages[stage].config.monitoring.alarmEmail).toBeUndefined();
      stages[stage].template.resourceCountIs('AWS::SNS::Subscription', 0);
    });

    it('has an email subscription when the stage config names an address', () => {
      const config = resolveStageConfig('dev', { monitoring: { alarmEmail: 'ops@marchcroft.com' } });
      const synth = stageOf(config);
      synth.template.resourceCountIs('AWS::SNS::Subscription', 1);
      synth.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@marchcroft.com', TopicArn: topicRef(synth) });
    });
  });

  describe('the alarms', () => {
    each('are the 5xx rate, p99 per route key, errors and throttles per function, and four on the handlers\u2019 metrics (%s)', (stage) => {
      const synth = stages[stage];
      const expected = [
        'Api-5xx-Rate-Critical',
        ...ROUTE_KEYS.map(({ route, method, path }) => `${route.id}-${method}-${path.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')}-Latency-P99-Critical`),
        ...FUNCTION_IDS.flatMap((id) => [`${id}-Fault-Count-Critical`, `${id}-Throttled-Count-Critical`]),
        'SharePages-CmsRequestFailed-Critical',
        'Contact-ContactSubmitted-Anomaly-Critical',
        'Contact-ContactStoreFailed-Critical',
        'ContactMailer-ContactEmailFailed-Critical',
      ].map((name) => `marchcroft-api-${stage}-${name}`);
      expect(expected).toHaveLength(1 + ROUTE_KEYS.length + 2 * FUNCTION_IDS.length + 4);
      synth.template.resourceCountIs('AWS::CloudWatch::Alarm', expected.length);
      expect(alarms(synth).map((alarm) => alarm.AlarmName).sort()).toEqual(expected.sort());
      expect(synth.stack.monitoring.alarms).toHaveLength(expected.length);
      // No composite alarms, nothing the topic does not hear of.
      synth.template.resourceCountIs('AWS::CloudWatch::CompositeAlarm', 0);
    });

    each('all notify the topic when they fire and when they are OK again, and treat missing data as not breaching (%s)', (stage) => {
      const synth = stages[stage];
      for (const alarm of alarms(synth)) {
        expect(alarm).toMatchObject({ ActionsEnabled: true, AlarmActions: [topicRef(synth)], OKActions: [topicRef(synth)], TreatMissingData: 'notBreaching' });
        expect(alarm.AlarmDescription).toMatch(new RegExp(`^Marchcroft API ${stage}: .+ What to do: README, "Alarms runbook"\\.$`));
      }
    });

    each('fire on any failed notification: ContactEmailFailed above 0 in 5 minutes (%s)', (stage) => {
      const synth = stages[stage];
      const alarm = alarmNamed(synth, 'ContactMailer-ContactEmailFailed-Critical');
      expect(alarm).toMatchObject({ Threshold: synth.config.monitoring.contactEmailFailed.maxCount, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 1, DatapointsToAlarm: 1 });
      expect(alarm.Threshold).toBe(0);
      expect(onlyMetric(alarm)).toEqual({
        Metric: { Namespace: 'Marchcroft', MetricName: 'ContactEmailFailed', Dimensions: [{ Name: 'service', Value: 'marchcroft-api' }, { Name: 'stage', Value: stage }] },
        Period: 300,
        Stat: 'Sum',
      });
    });

    each('fire on any ContactStoreFailed, and on CmsRequestFailed above the configured count (%s)', (stage) => {
      const synth = stages[stage];
      const store = alarmNamed(synth, 'Contact-ContactStoreFailed-Critical');
      expect(store).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
      expect(onlyMetric(store).Metric).toEqual({ Namespace: 'Marchcroft', MetricName: 'ContactStoreFailed', Dimensions: [{ Name: 'service', Value: 'marchcroft-api' }, { Name: 'stage', Value: stage }] });
      const cms = alarmNamed(synth, 'SharePages-CmsRequestFailed-Critical');
      expect(cms).toMatchObject({ Threshold: DEFAULT_MONITORING_SETTINGS.cmsFailures.maxCount, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 1, DatapointsToAlarm: 1 });
      expect(onlyMetric(cms)).toMatchObject({ Metric: { Namespace: 'Marchcroft', MetricName: 'CmsRequestFailed' }, Period: 300, Stat: 'Sum' });
    });

    each('fire on the p99 latency of each route key, at the route\u2019s threshold, sustained 3 of 3 periods (%s)', (stage) => {
      const synth = stages[stage];
      for (const { route, method, path } of ROUTE_KEYS) {
        const alarm = alarms(synth).find((candidate) => {
          const metric = candidate.Metrics?.[0]?.MetricStat?.Metric;
          const dimension = (name: string) => metric?.Dimensions?.find((entry: { Name: string }) => entry.Name === name)?.Value;
          return metric?.MetricName === 'Latency' && dimension('Method') === method && dimension('Resource') === path;
        });
        expect(alarm).toMatchObject({ Threshold: route.id === 'ShareCaseStudy' || isContentRoute(route) ? 5000 : 3000, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 3, DatapointsToAlarm: 3 });
        expect(onlyMetric(alarm)).toEqual({
          Metric: {
            Namespace: 'AWS/ApiGateway',
            MetricName: 'Latency',
            Dimensions: [
              { Name: 'ApiId', Value: apiRef(synth) },
              { Name: 'Method', Value: method },
              { Name: 'Resource', Value: path },
              { Name: 'Stage', Value: '$default' },
            ],
          },
          Period: 300,
          Stat: 'p99',
        });
      }
    });

    each('fire on any error and any throttle of every function (%s)', (stage) => {
      const synth = stages[stage];
      for (const id of FUNCTION_IDS) {
        for (const [suffix, metricName] of [['Fault-Count', 'Errors'], ['Throttled-Count', 'Throttles']] as const) {
          const alarm = alarmNamed(synth, `${id}-${suffix}-Critical`);
          expect(alarm).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 1, DatapointsToAlarm: 1 });
          expect(onlyMetric(alarm)).toEqual({
            Metric: { Namespace: 'AWS/Lambda', MetricName: metricName, Dimensions: [{ Name: 'FunctionName', Value: fnRef(synth, id) }] },
            Period: 300,
            Stat: 'Sum',
          });
        }
      }
    });

    each('fire on a 5xx share above 5 % of at least 10 requests, in 2 of 3 periods (%s)', (stage) => {
      const synth = stages[stage];
      const alarm = alarmNamed(synth, 'Api-5xx-Rate-Critical');
      expect(alarm).toMatchObject({ Threshold: 0.05, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 3, DatapointsToAlarm: 2 });
      const apiMetric = (metricName: string) => ({
        Metric: { Namespace: 'AWS/ApiGateway', MetricName: metricName, Dimensions: [{ Name: 'ApiId', Value: apiRef(synth) }, { Name: 'Stage', Value: '$default' }] },
        Period: 300,
        Stat: 'Sum',
      });
      expect(alarm.Metrics).toEqual([
        { Id: 'expr_1', Expression: 'IF(requests >= 10, FILL(errors, 0) / requests)', Label: '5xx share', ReturnData: true },
        { Id: 'requests', MetricStat: apiMetric('Count'), ReturnData: false },
        { Id: 'errors', MetricStat: apiMetric('5xx'), ReturnData: false },
      ]);
    });

    each('fire on contact submissions above their anomaly detection band (%s)', (stage) => {
      const synth = stages[stage];
      const alarm = alarmNamed(synth, 'Contact-ContactSubmitted-Anomaly-Critical');
      expect(alarm).toMatchObject({ ComparisonOperator: 'GreaterThanUpperThreshold', ThresholdMetricId: 'expr_1', EvaluationPeriods: 1, DatapointsToAlarm: 1 });
      expect(alarm.Threshold).toBeUndefined();
      const [band, metric] = alarm.Metrics;
      expect(band).toMatchObject({ Id: 'expr_1', Expression: `ANOMALY_DETECTION_BAND(${metric.Id},3)`, ReturnData: true });
      expect(metric.MetricStat).toEqual({
        Metric: { Namespace: 'Marchcroft', MetricName: 'ContactSubmitted', Dimensions: [{ Name: 'service', Value: 'marchcroft-api' }, { Name: 'stage', Value: stage }] },
        Period: 3600,
        Stat: 'Sum',
      });
    });

    it('take every threshold and evaluation from the stage config', () => {
      const config = resolveStageConfig('staging', {
        monitoring: {
          api5xxRate: { maxRate: 0.2, minRequests: 50 },
          routeLatencyP99: { maxMs: 2500, routes: { Health: 800 }, datapointsToAlarm: 2, evaluationPeriods: 4 },
          functionErrors: { maxCount: 3, periodMinutes: 15 },
          functionThrottles: { maxCount: 1 },
          contactEmailFailed: { maxCount: 2 },
          contactStoreFailed: { maxCount: 4 },
          cmsFailures: { maxCount: 9, periodMinutes: 10, datapointsToAlarm: 2, evaluationPeriods: 3 },
          contactVolumeAnomaly: { standardDeviations: 4, periodMinutes: 30 },
        },
      });
      const synth = stageOf(config);
      const named = (name: string) => alarmNamed(synth, name);
      expect(named('Api-5xx-Rate-Critical')).toMatchObject({ Threshold: 0.2, Metrics: [{ Expression: 'IF(requests >= 50, FILL(errors, 0) / requests)' }, {}, {}] });
      expect(named('Health-GET-health-Latency-P99-Critical')).toMatchObject({ Threshold: 800, DatapointsToAlarm: 2, EvaluationPeriods: 4 });
      // The default for the share page stays when a stage overrides another route's.
      expect(named('ShareCaseStudy-GET-share-casestudies-slug-Latency-P99-Critical')).toMatchObject({ Threshold: 5000 });
      expect(named('Contact-POST-sendContactUsMail-Latency-P99-Critical')).toMatchObject({ Threshold: 2500 });
      expect(named('Contact-Fault-Count-Critical')).toMatchObject({ Threshold: 3, Metrics: [{ MetricStat: { Period: 900 } }] });
      expect(named('ContactMailer-Throttled-Count-Critical')).toMatchObject({ Threshold: 1 });
      expect(named('ContactMailer-ContactEmailFailed-Critical')).toMatchObject({ Threshold: 2 });
      expect(named('Contact-ContactStoreFailed-Critical')).toMatchObject({ Threshold: 4 });
      expect(named('SharePages-CmsRequestFailed-Critical')).toMatchObject({ Threshold: 9, DatapointsToAlarm: 2, EvaluationPeriods: 3, Metrics: [{ MetricStat: { Period: 600 } }] });
      const anomaly = named('Contact-ContactSubmitted-Anomaly-Critical');
      expect(anomaly.Metrics[0].Expression).toMatch(/^ANOMALY_DETECTION_BAND\(\w+,4\)$/);
      expect(anomaly.Metrics[1].MetricStat.Period).toBe(1800);
    });
  });

  describe('the DashboardUrl output', () => {
    it('is the console URL of the dashboard in the stack\u2019s region', () => {
      expect(stages.prod.outputs.DashboardUrl!.Value).toBe(
        'https://eu-west-2.console.aws.amazon.com/cloudwatch/home?region=eu-west-2#dashboards/dashboard/marchcroft-api-prod',
      );
      expect(stages.dev.outputs.DashboardUrl!.Value).toBe(dashboardConsoleUrl('eu-west-2', 'marchcroft-api-dev'));
    });

    it('names the deployment region when the stack is synthesized offline', () => {
      const { stack } = cdkJsonStageStack('prod');
      const outputs = Template.fromStack(stack).toJSON().Outputs;
      expect(outputs.DashboardUrl.Value).toEqual({
        'Fn::Join': ['', ['https://', { Ref: 'AWS::Region' }, '.console.aws.amazon.com/cloudwatch/home?region=', { Ref: 'AWS::Region' }, '#dashboards/dashboard/marchcroft-api-prod']],
      });
    });
  });
});

describe('monitoring configuration', () => {
  it('defaults every stage of cdk.json to the default thresholds and no email', () => {
    for (const stage of CDK_JSON_STAGES) expect(cdkJsonStageConfig(stage).monitoring).toEqual(DEFAULT_MONITORING_SETTINGS);
    expect(DEFAULT_MONITORING_SETTINGS.alarmEmail).toBeUndefined();
  });

  it('merges a stage\u2019s overrides key by key over the defaults', () => {
    const { monitoring } = resolveStageConfig('test', { monitoring: { alarmEmail: 'ops@marchcroft.com', cmsFailures: { maxCount: 9 }, routeLatencyP99: { routes: { Health: 1000 } } } });
    expect(monitoring).toEqual({
      ...DEFAULT_MONITORING_SETTINGS,
      alarmEmail: 'ops@marchcroft.com',
      cmsFailures: { ...DEFAULT_MONITORING_SETTINGS.cmsFailures, maxCount: 9 },
      routeLatencyP99: { ...DEFAULT_MONITORING_SETTINGS.routeLatencyP99, routes: { ...DEFAULT_MONITORING_SETTINGS.routeLatencyP99.routes, Health: 1000 } },
    });
  });

  it.each([
    [{ alarmEmail: 'ops' }, 'monitoring.alarmEmail: Invalid email: Received "ops"'],
    [{ cmsFailure: { maxCount: 1 } }, 'monitoring.cmsFailure: Invalid key: Expected never but received "cmsFailure"'],
    [{ cmsFailures: { maxCount: -1 } }, 'monitoring.cmsFailures.maxCount: Invalid value: Expected >=0 but received -1'],
    [{ api5xxRate: { maxRate: 5 } }, 'monitoring.api5xxRate.maxRate: Invalid value: Expected <=1 but received 5'],
    [{ routeLatencyP99: { routes: { Healthz: 100 } } }, `monitoring.routeLatencyP99.routes.Healthz: must be a route id: ${ROUTES.map((route) => route.id).join(', ')}`],
    [{ functionErrors: { datapointsToAlarm: 2 } }, 'monitoring: functionErrors: datapointsToAlarm must not exceed evaluationPeriods'],
    [{ contactVolumeAnomaly: { periodMinutes: 720, evaluationPeriods: 3, datapointsToAlarm: 1 } }, 'monitoring: contactVolumeAnomaly: periodMinutes × evaluationPeriods must not exceed one day (1440)'],
  ])('refuses %j, naming the key', (monitoring, problem) => {
    expect(() => resolveStageConfig('dev', { monitoring })).toThrow(`Invalid configuration for stage "dev": ${problem}`);
  });
});
