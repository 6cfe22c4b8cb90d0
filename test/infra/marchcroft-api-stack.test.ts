import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnApi, CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import type { CfnTable } from 'aws-cdk-lib/aws-dynamodb';
import type { CfnRule } from 'aws-cdk-lib/aws-events';
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import { type StageConfig } from '../../lib/config';
import { FUNCTION_SETTINGS, functionEnvironment } from '../../lib/function-settings';
import type { FunctionDefinition } from '../../lib/functions';
import { defineJobs, JOBS } from '../../lib/jobs';
import { MarchcroftApiStack } from '../../lib/marchcroft-api-stack';
import { allowedMethods, defineRoutes, isContentRoute, ROUTES, routeKeys } from '../../lib/routes';
import { cdkJsonStageConfig, ENV, FIXTURE_ENTRY, iamStatementCount, newApp, renderArn, wildcardGrants } from './support';

interface Synthesized {
  readonly config: StageConfig;
  readonly stack: MarchcroftApiStack;
  readonly template: Template;
  readonly resources: Record<string, any>;
}

function synthesize(config: StageConfig): Synthesized {
  const stack = new MarchcroftApiStack(newApp(), `MarchcroftApi-${config.stage}`, { config, env: ENV });
  const template = Template.fromStack(stack);
  return { config, stack, template, resources: template.toJSON().Resources };
}

const ids = ({ stack }: Synthesized, functionId: string) => {
  const apiFunction = stack.functions.get(functionId);
  if (!apiFunction) throw new Error(`No function for route or job ${functionId}`);
  return {
    fn: stack.getLogicalId(apiFunction.fn.node.defaultChild as CfnFunction),
    role: stack.getLogicalId(apiFunction.role.node.defaultChild as CfnRole),
    logGroup: stack.getLogicalId(apiFunction.logGroup.node.defaultChild as CfnLogGroup),
  };
};

const routeByKey = ({ resources }: Synthesized, key: string) =>
  Object.entries(resources).find(([, resource]) => resource.Type === 'AWS::ApiGatewayV2::Route' && resource.Properties.RouteKey === key);

const tableId = ({ stack }: Synthesized) => stack.getLogicalId(stack.contactSubmissions.table.node.defaultChild as CfnTable);

/** The statements of a role's one inline policy. */
const roleStatements = ({ resources }: Synthesized, roleId: string) => resources[roleId].Properties.Policies.flatMap((policy: any) => policy.PolicyDocument.Statement);

const LOGS = (logGroup: string) => ({ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [logGroup, 'Arn'] } });

describe('MarchcroftApiStack', () => {
  // Both stages as `bin/` builds them from the real cdk.json, each synthesized once for every read-only assertion.
  const stages = {} as Record<'dev' | 'prod', Synthesized>;
  beforeAll(() => {
    stages.dev = synthesize(cdkJsonStageConfig('dev'));
    stages.prod = synthesize(cdkJsonStageConfig('prod'));
  });
  const each = it.each(['dev', 'prod'] as const);

  each('synthesizes %s from cdk.json without errors or warnings', (stage) => {
    const { stack } = stages[stage];
    Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  each('has a route for every key of the table (%s)', (stage) => {
    const synthesized = stages[stage];
    const keys = ROUTES.flatMap(routeKeys);
    for (const key of keys) expect(routeByKey(synthesized, key)).toBeDefined();
    synthesized.template.resourceCountIs('AWS::ApiGatewayV2::Route', keys.length);
  });

  it('serves every route through its own Lambda proxy integration, payload 2.0, shared by the share page keys', () => {
    const synthesized = stages.dev;
    synthesized.template.resourceCountIs('AWS::ApiGatewayV2::Integration', ROUTES.length);
    synthesized.template.resourcePropertiesCountIs('AWS::ApiGatewayV2::Integration', { IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' }, ROUTES.length);
    const targets = ['GET /share/casestudies/{slug}', 'HEAD /share/casestudies/{slug}'].map((key) => routeByKey(synthesized, key)?.[1].Properties.Target);
    expect(targets[0]).toEqual(targets[1]);
    const integration = synthesized.resources[targets[0]['Fn::Join'][1][1].Ref];
    expect(integration.Properties.IntegrationUri).toEqual({ 'Fn::GetAtt': [ids(synthesized, 'ShareCaseStudy').fn, 'Arn'] });
  });

  each('answers CORS preflights for the origins of %s', (stage) => {
    const { template, config } = stages[stage];
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: { AllowOrigins: [...config.corsAllowedOrigins], AllowMethods: allowedMethods(ROUTES), AllowHeaders: ['accept', 'content-type'], MaxAge: 3600 },
    });
  });

  each('deploys one `$default` stage for %s, throttled by its config and by each throttled route', (stage) => {
    const synthesized = stages[stage];
    const { config, stack, resources, template } = synthesized;
    template.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
    const resource = resources[stack.getLogicalId(stack.api.stage.node.defaultChild as CfnStage)];
    expect(resource.Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: config.throttle.rateLimit, ThrottlingBurstLimit: config.throttle.burstLimit, DetailedMetricsEnabled: true },
    });
    const throttled = ROUTES.filter((route) => route.throttle);
    expect(throttled.length).toBeGreaterThan(0);
    const expected = Object.fromEntries(
      throttled.flatMap((route) =>
        routeKeys(route).map((key) => [key, { ThrottlingRateLimit: route.throttle?.rateLimit, ThrottlingBurstLimit: route.throttle?.burstLimit, DetailedMetricsEnabled: true }]),
      ),
    );
    expect(resource.Properties.RouteSettings).toEqual(expected);
    for (const key of Object.keys(expected)) expect(resource.DependsOn).toContain(routeByKey(synthesized, key)?.[0]);
  });

  it('logs every request as JSON, with its request id, to the access log group', () => {
    const { stack, resources } = stages.dev;
    const settings = resources[stack.getLogicalId(stack.api.stage.node.defaultChild as CfnStage)].Properties.AccessLogSettings;
    expect(settings.DestinationArn).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(stack.api.accessLogGroup.node.defaultChild as CfnLogGroup), 'Arn'] });
    expect(JSON.parse(settings.Format)).toHaveProperty('requestId', '$context.requestId');
  });

  const definitions: ReadonlyArray<readonly [string, FunctionDefinition]> = [
    ...ROUTES.map((route) => [`route ${route.id}`, route] as const),
    ...JOBS.map((job) => [`job ${job.id}`, job] as const),
  ];
  describe.each(definitions)('function of %s', (_name, definition) => {
    const functionId = definition.id;
    each('runs the house settings with its own environment and log group (%s)', (stage) => {
      const synthesized = stages[stage];
      const { fn, logGroup } = ids(synthesized, functionId);
      const properties = synthesized.resources[fn].Properties;
      expect(properties).toMatchObject({
        Runtime: FUNCTION_SETTINGS.runtime,
        Architectures: [FUNCTION_SETTINGS.architecture],
        MemorySize: 256,
        Timeout: 10,
        Handler: 'index.handler',
        Description: definition.description,
        LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: logGroup } },
      });
      const { stack, config } = synthesized;
      expect(properties.Environment.Variables).toEqual(
        stack.resolve(functionEnvironment(definition, config, { contactSubmissionsTableName: stack.contactSubmissions.table.tableName })),
      );
      expect(properties.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
      expect(Object.hasOwn(properties.Environment.Variables, 'CMS_SECRET_NAME')).toBe(definition.needs?.includes('cms') ?? false);
    });

    each('keeps its logs for the retention of %s', (stage) => {
      const synthesized = stages[stage];
      expect(synthesized.resources[ids(synthesized, functionId).logGroup]).toMatchObject({
        Properties: { RetentionInDays: synthesized.config.logRetentionDays },
        DeletionPolicy: stage === 'prod' ? 'Retain' : 'Delete',
      });
    });

    it('runs as its own role, assumed by Lambda only, with no managed policies', () => {
      const synthesized = stages.dev;
      const { fn, role: roleId } = ids(synthesized, functionId);
      expect(synthesized.resources[fn].Properties.Role).toEqual({ 'Fn::GetAtt': [roleId, 'Arn'] });
      const role = synthesized.resources[roleId].Properties;
      expect(role.AssumeRolePolicyDocument.Statement).toEqual([{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'lambda.amazonaws.com' } }]);
      expect(role).not.toHaveProperty('ManagedPolicyArns');
    });
  });

  it('keeps the stage logs for the retention of each stage (dev 7 days, prod 90)', () => {
    expect([stages.dev.config.logRetentionDays, stages.prod.config.logRetentionDays]).toEqual([7, 90]);
    for (const synthesized of [stages.dev, stages.prod]) {
      const accessLogs = synthesized.stack.getLogicalId(synthesized.stack.api.accessLogGroup.node.defaultChild as CfnLogGroup);
      expect(synthesized.resources[accessLogs].Properties.RetentionInDays).toBe(synthesized.config.logRetentionDays);
    }
  });

  it('lets the Health function write its own log streams, and nothing else', () => {
    const synthesized = stages.dev;
    const { role, logGroup } = ids(synthesized, 'Health');
    expect(synthesized.resources[role].Properties.Policies.flatMap((policy: any) => policy.PolicyDocument.Statement)).toEqual([
      { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [logGroup, 'Arn'] } },
    ]);
  });

  it('lets the ShareCaseStudy function write its own log streams and read the CMS secret, and nothing else', () => {
    const synthesized = stages.dev;
    const { role, logGroup } = ids(synthesized, 'ShareCaseStudy');
    expect(synthesized.resources[role].Properties.Policies.flatMap((policy: any) => policy.PolicyDocument.Statement)).toEqual([
      { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [logGroup, 'Arn'] } },
      {
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':secretsmanager:eu-west-2:123456789012:secret:prod/marchcroft/secrets-??????']] },
      },
    ]);
  });

  const CONTENT_ROUTE_IDS = ROUTES.filter(isContentRoute).map((route) => route.id);
  const CMS_SECRET_READ = {
    Effect: 'Allow',
    Action: 'secretsmanager:GetSecretValue',
    Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':secretsmanager:eu-west-2:123456789012:secret:prod/marchcroft/secrets-??????']] },
  };

  it.each(CONTENT_ROUTE_IDS)('lets the %s function write its own log streams and read the CMS secret, and nothing else', (functionId) => {
    const synthesized = stages.dev;
    const { role, logGroup } = ids(synthesized, functionId);
    expect(roleStatements(synthesized, role)).toEqual([LOGS(logGroup), CMS_SECRET_READ]);
  });

  each('lets only the share page and the nine content functions read the CMS secret (%s)', (stage) => {
    const synthesized = stages[stage];
    const { resources } = synthesized;
    const readers = Object.keys(resources).filter(
      (logicalId) => resources[logicalId].Type === 'AWS::IAM::Role' && roleStatements(synthesized, logicalId).some((statement: any) => [statement.Action].flat().some((action: string) => action.startsWith('secretsmanager:'))),
    );
    expect(CONTENT_ROUTE_IDS).toEqual(['ContentHome', 'ContentHistories', 'ContentLegalPage', 'ContentServices', 'ContentService', 'ContentCaseStudies', 'ContentCaseStudy', 'ContentCareers', 'Sitemap']);
    expect(readers.sort()).toEqual(['ShareCaseStudy', ...CONTENT_ROUTE_IDS].map((functionId) => ids(synthesized, functionId).role).sort());
  });

  each('serves each content route by GET only, through its own function, with its cache TTL and the locales of %s', (stage) => {
    const synthesized = stages[stage];
    const { content, siteUrl } = synthesized.config;
    for (const route of ROUTES.filter(isContentRoute)) {
      expect([route.id, routeKeys(route)]).toEqual([route.id, [`GET ${route.path}`]]);
      const [, resource] = routeByKey(synthesized, `GET ${route.path}`)!;
      const integration = synthesized.resources[resource.Properties.Target['Fn::Join'][1][1].Ref];
      expect([route.id, integration.Properties.IntegrationUri]).toEqual([route.id, { 'Fn::GetAtt': [ids(synthesized, route.id).fn, 'Arn'] }]);
      const variables = synthesized.resources[ids(synthesized, route.id).fn].Properties.Environment.Variables;
      expect([route.id, variables]).toEqual([
        route.id,
        expect.objectContaining({
          CONTENT_ROUTE: route.id,
          CONTENT_TTL_SECONDS: route.id === 'Sitemap' ? '3600' : '300',
          CONTENT_NOT_FOUND_TTL_SECONDS: '60',
          CONTENT_STALE_WHILE_REVALIDATE_SECONDS: '86400',
          CONTENT_LOCALES: 'en,es,pt,el',
          CONTENT_DEFAULT_LOCALE: 'en',
          CONTENT_LOCALE_ALIASES: 'gr:el',
          CMS_SECRET_NAME: synthesized.config.cmsSecretName,
        }),
      ]);
      expect([route.id, Object.hasOwn(variables, 'CMS_TOKEN'), Object.hasOwn(variables, 'SITE_URL')]).toEqual([route.id, false, route.id === 'Sitemap']);
      if (route.id === 'Sitemap') expect(variables.SITE_URL).toBe(siteUrl);
    }
    expect(content.routeTtlSeconds).toEqual({ Sitemap: 3600 });
  });

  it('lets the Contact function write its own log streams and put items in the submissions table, and nothing else', () => {
    const synthesized = stages.dev;
    const { role, logGroup } = ids(synthesized, 'Contact');
    expect(roleStatements(synthesized, role)).toEqual([
      LOGS(logGroup),
      { Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: { 'Fn::GetAtt': [tableId(synthesized), 'Arn'] } },
    ]);
  });

  it('lets the ContactMailer function write its own log streams, query the outbox index, update and get submissions, and send mail as the sender identity, and nothing else', () => {
    const synthesized = stages.dev;
    const { role, logGroup } = ids(synthesized, 'ContactMailer');
    const tableArn = { 'Fn::GetAtt': [tableId(synthesized), 'Arn'] };
    expect(roleStatements(synthesized, role)).toEqual([
      LOGS(logGroup),
      { Effect: 'Allow', Action: 'dynamodb:Query', Resource: { 'Fn::Join': ['', [tableArn, '/index/outbox']] } },
      { Effect: 'Allow', Action: 'dynamodb:UpdateItem', Resource: tableArn },
      {
        Effect: 'Allow',
        Action: 'ses:SendEmail',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:eu-west-2:123456789012:identity/marchcroft.com']] },
      },
    ]);
  });

  each('lets no role but those two touch the table or SES, and nothing else grants access (%s)', (stage) => {
    const synthesized = stages[stage];
    const { resources } = synthesized;
    const allowed = [ids(synthesized, 'Contact').role, ids(synthesized, 'ContactMailer').role];
    const roles = Object.keys(resources).filter((logicalId) => resources[logicalId].Type === 'AWS::IAM::Role');
    expect(roles).toHaveLength(ROUTES.length + JOBS.length);
    for (const role of roles.filter((logicalId) => !allowed.includes(logicalId))) {
      for (const statement of roleStatements(synthesized, role)) {
        expect({ role, actions: [statement.Action].flat().filter((action: string) => /^(dynamodb|ses):/.test(action)) }).toEqual({ role, actions: [] });
        const resourceArns = [statement.Resource].flat().map((resource: unknown) => renderArn(resource, resources));
        expect({ role, resourceArns: resourceArns.filter((arn: string) => arn.includes(tableId(synthesized)) || arn.includes(':ses:')) }).toEqual({ role, resourceArns: [] });
      }
    }
    // No standalone or managed policies, and no resource policy on the table: the inline policies above are all there is.
    for (const type of ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::DynamoDB::ResourcePolicy']) synthesized.template.resourceCountIs(type, 0);
    expect(resources[tableId(synthesized)].Properties).not.toHaveProperty('ResourcePolicy');
  });

  it('tells the table name, as a reference to the table, to the contact functions only, and the mail settings to the mailer only', () => {
    const synthesized = stages.dev;
    const variables = (functionId: string) => synthesized.resources[ids(synthesized, functionId).fn].Properties.Environment.Variables;
    expect(variables('Contact')).toMatchObject({ CONTACT_TABLE_NAME: { Ref: tableId(synthesized) }, CONTACT_RETENTION_DAYS: '730' });
    expect(variables('ContactMailer')).toMatchObject({
      CONTACT_TABLE_NAME: { Ref: tableId(synthesized) },
      CONTACT_OUTBOX_INDEX: 'outbox',
      MAIL_FROM: 'website@marchcroft.com',
      MAIL_TO: 'sales@marchcroft.com',
    });
    expect(Object.keys(variables('Contact')).filter((name) => name.startsWith('MAIL_'))).toEqual([]);
    for (const functionId of ['Health', 'ShareCaseStudy']) {
      expect(Object.keys(variables(functionId)).filter((name) => /^(CONTACT|MAIL)_/.test(name))).toEqual([]);
    }
  });

  // The table's own properties are the construct's tests (contact-submissions-table.test.ts); here, that the stage keeps its data or not.
  each('has one contact-submissions table, kept and protected in prod only (%s)', (stage) => {
    const synthesized = stages[stage];
    synthesized.template.resourceCountIs('AWS::DynamoDB::Table', 1);
    const table = synthesized.resources[tableId(synthesized)];
    expect(table.Properties.DeletionProtectionEnabled).toBe(stage === 'prod');
    const policy = stage === 'prod' ? 'Retain' : 'Delete';
    expect(table).toMatchObject({ DeletionPolicy: policy, UpdateReplacePolicy: policy });
  });

  each('runs the ContactMailer every minute, one run at a time (%s)', (stage) => {
    const synthesized = stages[stage];
    const { stack, resources, template } = synthesized;
    const { fn } = ids(synthesized, 'ContactMailer');
    template.resourceCountIs('AWS::Events::Rule', JOBS.length);
    const rule = stack.getLogicalId(stack.schedules.get('ContactMailer')?.node.defaultChild as CfnRule);
    expect(synthesized.config.contact.mailerIntervalMinutes).toBe(1);
    // EventBridge wants the singular for 1: `rate(1 minutes)` is refused.
    expect(resources[rule].Properties).toMatchObject({
      ScheduleExpression: 'rate(1 minute)',
      State: 'ENABLED',
      Targets: [{ Arn: { 'Fn::GetAtt': [fn, 'Arn'] }, Id: 'Target0' }],
    });
    expect(resources[rule].Properties).not.toHaveProperty('EventPattern');
    const permissions = Object.values(resources).filter((resource) => resource.Type === 'AWS::Lambda::Permission' && resource.Properties.FunctionName['Fn::GetAtt']?.[0] === fn);
    expect(permissions.map((permission) => permission.Properties)).toEqual([
      { Action: 'lambda:InvokeFunction', FunctionName: { 'Fn::GetAtt': [fn, 'Arn'] }, Principal: 'events.amazonaws.com', SourceArn: { 'Fn::GetAtt': [rule, 'Arn'] } },
    ]);
    expect(resources[fn].Properties.ReservedConcurrentExecutions).toBe(1);
    // The contact form's own reservation comes from the stage config (reserved-concurrency.test.ts).
    expect(resources[ids(synthesized, 'Contact').fn].Properties.ReservedConcurrentExecutions).toBe(40);
  });

  it('serves POST /contact and POST /sendContactUsMail through one integration of the Contact function, each throttled by the route', () => {
    const synthesized = stages.dev;
    const { stack, resources } = synthesized;
    const keys = ['POST /contact', 'POST /sendContactUsMail'];
    const routes = keys.map((key) => routeByKey(synthesized, key));
    expect(routes[0]?.[1].Properties.Target).toEqual(routes[1]?.[1].Properties.Target);
    const integration = resources[routes[0]?.[1].Properties.Target['Fn::Join'][1][1].Ref];
    expect(integration.Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0', IntegrationUri: { 'Fn::GetAtt': [ids(synthesized, 'Contact').fn, 'Arn'] } });
    const stage = resources[stack.getLogicalId(stack.api.stage.node.defaultChild as CfnStage)];
    // The route table's throttle for the contact route, whatever its values: tuning them is not a change of routing.
    const throttle = ROUTES.find((route) => route.id === 'Contact')?.throttle;
    expect(throttle).toBeDefined();
    for (const [index, key] of keys.entries()) {
      expect(stage.Properties.RouteSettings[key]).toEqual({ ThrottlingRateLimit: throttle?.rateLimit, ThrottlingBurstLimit: throttle?.burstLimit, DetailedMetricsEnabled: true });
      expect(stage.DependsOn).toContain(routes[index]?.[0]);
    }
  });

  each('grants no wildcard action or resource in %s', (stage) => {
    const json = stages[stage].template.toJSON();
    expect(iamStatementCount(json)).toBeGreaterThan(0);
    expect(wildcardGrants(json)).toEqual([]);
  });

  each('puts no secret value into the %s template, only the secret name', (stage) => {
    const text = JSON.stringify(stages[stage].template.toJSON());
    // A dynamic reference would have CloudFormation copy the token into the function configuration.
    expect(text).not.toMatch(/resolve:secretsmanager|resolve:ssm-secure|Bearer /);
    expect(text).toContain(stages[stage].config.cmsSecretName);
  });

  each('tags every taggable resource of %s with the project and the stage', (stage) => {
    const { resources } = stages[stage];
    const tagged = Object.values(resources).filter((resource) => resource.Properties?.Tags !== undefined);
    expect(tagged.length).toBeGreaterThanOrEqual(8);
    for (const resource of tagged) {
      const tags: Record<string, string> = Array.isArray(resource.Properties.Tags)
        ? Object.fromEntries(resource.Properties.Tags.map((tag: { Key: string; Value: string }) => [tag.Key, tag.Value]))
        : resource.Properties.Tags;
      expect({ type: resource.Type, tags }).toEqual({ type: resource.Type, tags: expect.objectContaining({ Project: 'marchcroft-api', Stage: stage }) });
    }
    for (const type of ['AWS::ApiGatewayV2::Api', 'AWS::ApiGatewayV2::Stage', 'AWS::Lambda::Function', 'AWS::IAM::Role', 'AWS::Logs::LogGroup']) {
      expect(tagged.some((resource) => resource.Type === type)).toBe(true);
    }
  });

  it('outputs the URL of the stage as ApiUrl', () => {
    const { stack, template } = stages.dev;
    template.hasOutput('ApiUrl', {
      Value: {
        'Fn::Join': ['', ['https://', { Ref: stack.getLogicalId(stack.api.httpApi.node.defaultChild as CfnApi) }, '.execute-api.eu-west-2.', { Ref: 'AWS::URLSuffix' }, '/']],
      },
    });
  });

  it('serves a route added to the table with nothing else changed', () => {
    const routes = defineRoutes([
      ...ROUTES,
      { id: 'Extra', description: 'A new route.', methods: ['GET'], path: '/extra', entry: FIXTURE_ENTRY, needs: ['cms'] },
    ]);
    const stack = new MarchcroftApiStack(newApp(), 'Extended', { config: stages.dev.config, routes, env: ENV });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'GET /extra' });
    template.resourceCountIs('AWS::Lambda::Function', ROUTES.length + JOBS.length + 1);
    template.resourceCountIs('AWS::IAM::Role', ROUTES.length + JOBS.length + 1);
    expect(wildcardGrants(template.toJSON())).toEqual([]);
    expect(stack.functions.get('Extra')?.fn.node.path).toBe('Extended/Extra/Resource');
  });

  it('runs a job added to the job table on its schedule, with nothing else changed', () => {
    const jobs = defineJobs([...JOBS, { id: 'Extra', description: 'A new job.', entry: FIXTURE_ENTRY, everyMinutes: () => 15 }]);
    const stack = new MarchcroftApiStack(newApp(), 'Extended', { config: stages.dev.config, jobs, env: ENV });
    const template = Template.fromStack(stack);
    const fn = stack.getLogicalId(stack.functions.get('Extra')?.fn.node.defaultChild as CfnFunction);
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(15 minutes)', Targets: [{ Arn: { 'Fn::GetAtt': [fn, 'Arn'] }, Id: 'Target0' }] });
    template.hasResourceProperties('AWS::Lambda::Function', { Description: 'A new job.', ReservedConcurrentExecutions: 1 });
    template.resourceCountIs('AWS::Events::Rule', JOBS.length + 1);
    expect(wildcardGrants(template.toJSON())).toEqual([]);
  });

  it('refuses a job whose id is also a route id', () => {
    const jobs = defineJobs([{ id: 'Health', description: 'Clash.', entry: FIXTURE_ENTRY, everyMinutes: () => 5 }]);
    expect(() => new MarchcroftApiStack(newApp(), 'Clash', { config: stages.dev.config, jobs, env: ENV })).toThrow('Clash: "Health" is both a route id and a job id.');
  });
});

describe('wildcardGrants, the check above', () => {
  const logGroup = { Type: 'AWS::Logs::LogGroup' };
  const roleWith = (...Statement: object[]) => ({
    Resources: { LogGroup: logGroup, Role: { Type: 'AWS::IAM::Role', Properties: { Policies: [{ PolicyName: 'P', PolicyDocument: { Statement } }] } } },
  });

  it('passes exact grants and the two wildcards AWS requires', () => {
    expect(
      wildcardGrants(
        roleWith(
          { Effect: 'Allow', Action: ['logs:PutLogEvents'], Resource: { 'Fn::GetAtt': ['LogGroup', 'Arn'] } },
          { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: 'arn:aws:secretsmanager:eu-west-2:1:secret:app/token-??????' },
          { Effect: 'Allow', Action: 'dynamodb:Query', Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Table', 'Arn'] }, '/index/outbox']] } },
          { Effect: 'Allow', Action: 'ses:SendEmail', Resource: 'arn:aws:ses:eu-west-2:1:identity/example.com' },
        ),
      ),
    ).toEqual([]);
  });

  it.each([
    [{ Action: '*', Resource: 'arn:aws:s3:::bucket' }, 'Role: action "*"'],
    [{ Action: 's3:Get*', Resource: 'arn:aws:s3:::bucket' }, 'Role: action "s3:Get*"'],
    [{ Action: 's3:GetObject', Resource: '*' }, 'Role: resource *'],
    [{ Action: 's3:GetObject', Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::bucket/*']] } }, 'Role: resource arn:${AWS::Partition}:s3:::bucket/*'],
    [{ Action: 'logs:PutLogEvents', Resource: 'arn:aws:logs:eu-west-2:1:log-group:*' }, 'Role: resource arn:aws:logs:eu-west-2:1:log-group:*'],
    [{ Action: 'secretsmanager:GetSecretValue', Resource: 'arn:aws:secretsmanager:eu-west-2:1:secret:app/*' }, 'Role: resource arn:aws:secretsmanager:eu-west-2:1:secret:app/*'],
    [{ Action: 'dynamodb:Query', Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Table', 'Arn'] }, '/index/*']] } }, 'Role: resource ${Table.Arn}/index/*'],
    [{ Action: 'dynamodb:*', Resource: { 'Fn::GetAtt': ['Table', 'Arn'] } }, 'Role: action "dynamodb:*"'],
    [{ Action: 'ses:SendEmail', Resource: 'arn:aws:ses:eu-west-2:1:identity/*' }, 'Role: resource arn:aws:ses:eu-west-2:1:identity/*'],
    [{ NotAction: 'iam:*', Resource: 'arn:aws:s3:::bucket' }, 'Role: NotAction'],
  ])('catches %j', (statement, problem) => {
    expect(wildcardGrants(roleWith({ Effect: 'Allow', ...statement }))).toContain(problem);
  });

  it('catches a role with managed policies, whose statements the template does not show', () => {
    const role = { Type: 'AWS::IAM::Role', Properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'] } };
    expect(wildcardGrants({ Resources: { Role: role } })).toEqual(['Role: managed policies']);
  });

  it('reads standalone policies as well as inline ones', () => {
    const policy = { Type: 'AWS::IAM::Policy', Properties: { PolicyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } } };
    expect(wildcardGrants({ Resources: { Policy: policy } })).toEqual(['Policy: action "*"', 'Policy: resource *']);
  });
});
