import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CfnRoute, CfnStage, HttpApi, HttpMethod, type HttpRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUrlIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { ThrottledHttpStage } from '../../lib/throttled-http-stage';
import { newStack } from './support';

/** An API with a `GET` and a `HEAD` route on one path, and a stage on it. */
function setUp(detailedMetricsEnabled?: boolean) {
  const stack = newStack();
  const httpApi = new HttpApi(stack, 'Api', { createDefaultStage: false });
  const [get, head] = httpApi.addRoutes({
    path: '/items/{id}',
    methods: [HttpMethod.GET, HttpMethod.HEAD],
    integration: new HttpUrlIntegration('Upstream', 'https://example.com'),
  });
  const stage = new ThrottledHttpStage(stack, 'Stage', {
    httpApi,
    autoDeploy: true,
    throttle: { rateLimit: 50, burstLimit: 100 },
    detailedMetricsEnabled,
  });
  return { stack, httpApi, stage, get: get as HttpRoute, head: head as HttpRoute };
}

function stageResource(stack: Stack, stage: ThrottledHttpStage) {
  return Template.fromStack(stack).toJSON().Resources[stack.getLogicalId(stage.node.defaultChild as CfnStage)];
}

describe('ThrottledHttpStage', () => {
  it('sets both limits, and keeps detailed metrics, on every throttled route key', () => {
    const { stack, stage, get, head } = setUp(true);
    stage.throttleRoute('GET /items/{id}', { rateLimit: 2, burstLimit: 3 }, get).throttleRoute('HEAD /items/{id}', { rateLimit: 4, burstLimit: 5 }, head);

    const resource = stageResource(stack, stage);
    expect(resource.Properties.RouteSettings).toEqual({
      'GET /items/{id}': { ThrottlingRateLimit: 2, ThrottlingBurstLimit: 3, DetailedMetricsEnabled: true },
      'HEAD /items/{id}': { ThrottlingRateLimit: 4, ThrottlingBurstLimit: 5, DetailedMetricsEnabled: true },
    });
    expect(resource.Properties.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100, DetailedMetricsEnabled: true });
  });

  it('depends on the routes it throttles, which CloudFormation must create first', () => {
    const { stack, stage, get, head } = setUp();
    stage.throttleRoute('GET /items/{id}', { rateLimit: 2, burstLimit: 3 }, get);

    const dependsOn = stageResource(stack, stage).DependsOn;
    expect(dependsOn).toContain(stack.getLogicalId(get.node.defaultChild as CfnRoute));
    expect(dependsOn).not.toContain(stack.getLogicalId(head.node.defaultChild as CfnRoute));
  });

  it('writes detailed metrics off into route settings when the stage has them off', () => {
    const { stack, stage, get } = setUp();
    stage.throttleRoute('GET /items/{id}', { rateLimit: 2, burstLimit: 3 }, get);
    expect(stageResource(stack, stage).Properties.RouteSettings['GET /items/{id}'].DetailedMetricsEnabled).toBe(false);
  });

  it('leaves route settings out until a route is throttled', () => {
    const { stack, stage } = setUp(true);
    expect(stageResource(stack, stage).Properties).not.toHaveProperty('RouteSettings');
  });

  it('wraps the CfnStage as its default child', () => {
    const { stage } = setUp();
    expect(stage.node.defaultChild).toBeInstanceOf(CfnStage);
  });

  it('refuses a route key throttled twice', () => {
    const { stage, get } = setUp();
    stage.throttleRoute('GET /items/{id}', { rateLimit: 2, burstLimit: 3 }, get);
    expect(() => stage.throttleRoute('GET /items/{id}', { rateLimit: 2, burstLimit: 3 }, get)).toThrow(
      'TestStack/Stage: route key "GET /items/{id}" is throttled twice.',
    );
  });

  it('refuses something that is not a route key', () => {
    const { stage, get } = setUp();
    expect(() => stage.throttleRoute('/items/{id}', { rateLimit: 2, burstLimit: 3 }, get)).toThrow(
      'TestStack/Stage: routeKey "/items/{id}" is not a route key such as "GET /health".',
    );
  });

  it.each([
    ['rateLimit', { rateLimit: 0, burstLimit: 3 }, 0],
    ['burstLimit', { rateLimit: 2, burstLimit: 1.5 }, 1.5],
  ] as const)('refuses a %s that is not a positive integer', (limit, settings, value) => {
    const { stage, get } = setUp();
    expect(() => stage.throttleRoute('GET /items/{id}', settings, get)).toThrow(
      `TestStack/Stage: settings.${limit} of "GET /items/{id}" must be a positive integer, not ${value}.`,
    );
  });

  it("refuses a route of another API, whose key this stage's API does not have", () => {
    const { stack, stage } = setUp();
    const [other] = new HttpApi(stack, 'Other').addRoutes({ path: '/other', methods: [HttpMethod.GET], integration: new HttpUrlIntegration('O', 'https://example.com') });
    expect(() => stage.throttleRoute('GET /other', { rateLimit: 2, burstLimit: 3 }, other as HttpRoute)).toThrow(
      'TestStack/Stage: route TestStack/Other/GET--other belongs to another API than this stage.',
    );
  });
});
