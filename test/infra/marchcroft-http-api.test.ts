import { RemovalPolicy, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnApi, CfnRoute, CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { type CfnFunction, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import type { CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import { resolveStageConfig, type StageConfig } from '../../lib/config';
import { corsSettings } from '../../lib/cors';
import { MarchcroftHttpApi, type MarchcroftHttpApiProps } from '../../lib/marchcroft-http-api';
import { routeKeys } from '../../lib/routes';
import { FIXTURE_ROUTES, fixtureRoute, newStack } from './support';

const config = resolveStageConfig('dev', {
  corsAllowedOrigins: ['https://example.com', 'http://localhost:3000'],
  throttle: { rateLimit: 20, burstLimit: 40 },
  logRetentionDays: 7,
});

/** A stand-in handler: these tests are about the API, not the function. */
function handler(stack: Stack, id: string) {
  return new LambdaFunction(stack, id, { runtime: Runtime.NODEJS_24_X, handler: 'index.handler', code: Code.fromInline('export const handler = async () => ({})') });
}

function build(stageConfig: StageConfig = config, props: Partial<MarchcroftHttpApiProps> = {}) {
  const stack = newStack();
  const api = new MarchcroftHttpApi(stack, 'Api', { config: stageConfig, cors: corsSettings(stageConfig, FIXTURE_ROUTES), ...props });
  return { stack, api };
}

describe('MarchcroftHttpApi', () => {
  // Read-only assertions share one synthesis: the fixture table, every route added.
  let stack: Stack;
  let api: MarchcroftHttpApi;
  let template: Template;
  let resources: Record<string, any>;
  const handlers = new Map<string, string>();

  beforeAll(() => {
    ({ stack, api } = build());
    for (const route of FIXTURE_ROUTES) {
      const fn = handler(stack, `${route.id}Handler`);
      api.addRoute(route, fn);
      handlers.set(route.id, stack.getLogicalId(fn.node.defaultChild as CfnFunction));
    }
    template = Template.fromStack(stack);
    resources = template.toJSON().Resources;
  });

  const stageProperties = () => resources[stack.getLogicalId(api.stage.node.defaultChild as CfnStage)];
  const routeByKey = (key: string) =>
    Object.entries(resources).find(([, resource]) => resource.Type === 'AWS::ApiGatewayV2::Route' && resource.Properties.RouteKey === key);

  it('answers CORS preflights from the CORS settings', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      Name: 'marchcroft-api-dev',
      ProtocolType: 'HTTP',
      CorsConfiguration: {
        AllowOrigins: ['https://example.com', 'http://localhost:3000'],
        AllowMethods: ['GET', 'HEAD', 'POST'],
        AllowHeaders: ['accept', 'content-type'],
        MaxAge: 3600,
      },
    });
  });

  it('exposes the HttpApi as its default child', () => {
    expect(api.node.defaultChild).toBe(api.httpApi);
  });

  it('has one stage, `$default`, deployed on every change', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
    expect(stageProperties().Properties).toMatchObject({ StageName: '$default', AutoDeploy: true });
  });

  it('throttles the stage by the config, with detailed metrics', () => {
    expect(stageProperties().Properties.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40, DetailedMetricsEnabled: true });
  });

  it("throttles each key of a throttled route by the route's own limits, after creating the route", () => {
    const stage = stageProperties();
    expect(stage.Properties.RouteSettings).toEqual({
      'GET /slow/{id}': { ThrottlingRateLimit: 2, ThrottlingBurstLimit: 3, DetailedMetricsEnabled: true },
      'HEAD /slow/{id}': { ThrottlingRateLimit: 2, ThrottlingBurstLimit: 3, DetailedMetricsEnabled: true },
      'POST /form': { ThrottlingRateLimit: 1, ThrottlingBurstLimit: 2, DetailedMetricsEnabled: true },
      'POST /sendForm': { ThrottlingRateLimit: 1, ThrottlingBurstLimit: 2, DetailedMetricsEnabled: true },
    });
    for (const key of ['GET /slow/{id}', 'HEAD /slow/{id}', 'POST /form', 'POST /sendForm']) expect(stage.DependsOn).toContain(routeByKey(key)?.[0]);
  });

  it('writes one JSON access log line per request to its own log group', () => {
    const { AccessLogSettings } = stageProperties().Properties;
    const accessLogGroup = stack.getLogicalId(api.accessLogGroup.node.defaultChild as CfnLogGroup);
    expect(AccessLogSettings.DestinationArn).toEqual({ 'Fn::GetAtt': [accessLogGroup, 'Arn'] });
    expect(JSON.parse(AccessLogSettings.Format)).toMatchObject({
      requestId: '$context.requestId',
      ip: '$context.identity.sourceIp',
      routeKey: '$context.routeKey',
      status: '$context.status',
      integrationError: '$context.integration.error',
      responseLatency: '$context.responseLatency',
    });
    expect(resources[accessLogGroup]).toMatchObject({ Properties: { RetentionInDays: 7 }, DeletionPolicy: 'Delete' });
  });

  it('serves every key of a route through one Lambda proxy integration, payload 2.0', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', FIXTURE_ROUTES.length);
    const slowTargets = ['GET /slow/{id}', 'HEAD /slow/{id}'].map((key) => routeByKey(key)?.[1].Properties.Target);
    expect(slowTargets[0]).toEqual(slowTargets[1]);
    const integrationId = slowTargets[0]['Fn::Join'][1][1].Ref;
    expect(resources[integrationId].Properties).toEqual({
      ApiId: { Ref: stack.getLogicalId(api.httpApi.node.defaultChild as CfnApi) },
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: { 'Fn::GetAtt': [handlers.get('Slow'), 'Arn'] },
      PayloadFormatVersion: '2.0',
    });
  });

  it('creates a route for every key of the table, aliases included', () => {
    const keys = ['GET /ping', 'GET /slow/{id}', 'HEAD /slow/{id}', 'GET /content/{slug}', 'POST /form', 'POST /sendForm'];
    for (const key of keys) expect(routeByKey(key)).toBeDefined();
    template.resourceCountIs('AWS::ApiGatewayV2::Route', keys.length);
  });

  it("serves a route's path and its alias through the one integration of its function", () => {
    const targets = ['POST /form', 'POST /sendForm'].map((key) => routeByKey(key)?.[1].Properties.Target);
    expect(targets[0]).toEqual(targets[1]);
    expect(resources[targets[0]['Fn::Join'][1][1].Ref].Properties.IntegrationUri).toEqual({ 'Fn::GetAtt': [handlers.get('Form'), 'Arn'] });
  });

  it('lets API Gateway invoke the function from each of its paths only', () => {
    const permissions = Object.values(resources).filter(
      (resource) => resource.Type === 'AWS::Lambda::Permission' && resource.Properties.FunctionName['Fn::GetAtt']?.[0] === handlers.get('Form'),
    );
    expect(permissions.map((permission) => permission.Properties.Principal)).toEqual(['apigateway.amazonaws.com', 'apigateway.amazonaws.com']);
    const sourceArns = permissions.map((permission) => permission.Properties.SourceArn['Fn::Join'][1].at(-1));
    expect(sourceArns.sort()).toEqual(['/*/*/form', '/*/*/sendForm']);
  });

  it.each([
    ['Slow', ['GET /slow/{id}', 'HEAD /slow/{id}']],
    ['Form', ['POST /form', 'POST /sendForm']],
  ])('answers the routes it created for %s, in the order of routeKeys', (id, expected) => {
    const { stack: own, api: ownApi } = build();
    const routes = ownApi.addRoute(fixtureRoute(id), handler(own, 'Fn'));
    const keys = routes.map((route) => Template.fromStack(own).toJSON().Resources[own.getLogicalId(route.node.defaultChild as CfnRoute)].Properties.RouteKey);
    expect(keys).toEqual(expected);
    expect(keys).toEqual(routeKeys(fixtureRoute(id)));
  });

  it('has its URL at the root of the `$default` stage', () => {
    expect(stack.resolve(api.url)).toEqual({
      'Fn::Join': ['', ['https://', { Ref: stack.getLogicalId(api.httpApi.node.defaultChild as CfnApi) }, '.execute-api.eu-west-2.', { Ref: 'AWS::URLSuffix' }, '/']],
    });
  });

  it('keeps its access logs when the stack is deleted in prod, unless told otherwise', () => {
    const prod = resolveStageConfig('prod');
    Template.fromStack(build(prod).stack).hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Retain' });
    Template.fromStack(build(prod, { accessLogRemovalPolicy: RemovalPolicy.DESTROY }).stack).hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Delete' });
  });

  it('refuses a route whose methods the CORS settings do not allow', () => {
    const { stack: own, api: ownApi } = build(config, { cors: { ...corsSettings(config, FIXTURE_ROUTES), allowMethods: ['GET'] } });
    expect(() => ownApi.addRoute(fixtureRoute('Slow'), handler(own, 'Fn'))).toThrow(
      'TestStack/Api: route "Slow" uses HEAD, which props.cors.allowMethods does not allow.',
    );
  });
});
