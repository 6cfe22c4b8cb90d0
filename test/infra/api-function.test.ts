import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { ApiFunction } from '../../lib/api-function';
import { resolveStageConfig } from '../../lib/config';
import { BUNDLING, functionEnvironment } from '../../lib/function-settings';
import { ENV, fixtureRoute, newStack } from './support';

const config = resolveStageConfig('dev', { logRetentionDays: 14 });
// Partition stays a reference: the test app sets no feature flags (cdk.json's make it the literal `aws`).
const SECRET_ARN = {
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:secretsmanager:${ENV.region}:${ENV.account}:secret:${config.cmsSecretName}-??????`]],
};

function logicalIds(stack: Stack, apiFunction: ApiFunction) {
  return {
    fn: stack.getLogicalId(apiFunction.fn.node.defaultChild as CfnFunction),
    role: stack.getLogicalId(apiFunction.role.node.defaultChild as CfnRole),
    logGroup: stack.getLogicalId(apiFunction.logGroup.node.defaultChild as CfnLogGroup),
  };
}

describe('ApiFunction', () => {
  // Read-only assertions share one synthesis: a plain route and a CMS route in one stack.
  let stack: Stack;
  let template: Template;
  let plain: ReturnType<typeof logicalIds>;
  let cms: ReturnType<typeof logicalIds>;

  beforeAll(() => {
    stack = newStack();
    const cmsSecret = Secret.fromSecretNameV2(stack, 'CmsSecret', config.cmsSecretName);
    // The secret goes to both: a route that does not need it must not be granted it.
    plain = logicalIds(stack, new ApiFunction(stack, 'Ping', { route: fixtureRoute('Ping'), config, cmsSecret }));
    cms = logicalIds(stack, new ApiFunction(stack, 'Content', { route: fixtureRoute('Content'), config, cmsSecret }));
    template = Template.fromStack(stack);
  });

  it('runs the house runtime, architecture, memory, timeout and handler', () => {
    template.resourcePropertiesCountIs(
      'AWS::Lambda::Function',
      { Runtime: 'nodejs24.x', Architectures: ['arm64'], MemorySize: 256, Timeout: 10, Handler: 'index.handler' },
      2,
    );
  });

  it('takes its description from the route', () => {
    expect(template.toJSON().Resources[plain.fn].Properties.Description).toBe('Plain route.');
  });

  it.each([
    ['Ping', () => plain],
    ['Content', () => cms],
  ])('has exactly the environment functionEnvironment gives route %s', (id, ids) => {
    expect(template.toJSON().Resources[ids().fn].Properties.Environment.Variables).toEqual(functionEnvironment(fixtureRoute(id), config));
  });

  it('names the CMS secret only on a route that needs the CMS', () => {
    const resources = template.toJSON().Resources;
    expect(resources[cms.fn].Properties.Environment.Variables).toMatchObject({
      NODE_OPTIONS: '--enable-source-maps',
      CMS_SECRET_NAME: config.cmsSecretName,
    });
    expect(resources[plain.fn].Properties.Environment.Variables).not.toHaveProperty('CMS_SECRET_NAME');
  });

  it('logs JSON to its own log group, kept for the stage retention', () => {
    const resources = template.toJSON().Resources;
    expect(resources[plain.fn].Properties.LoggingConfig).toEqual({ LogFormat: 'JSON', LogGroup: { Ref: plain.logGroup } });
    expect(resources[cms.fn].Properties.LoggingConfig).toEqual({ LogFormat: 'JSON', LogGroup: { Ref: cms.logGroup } });
    expect(resources[plain.logGroup]).toMatchObject({ Properties: { RetentionInDays: 14 }, DeletionPolicy: 'Delete' });
    // The function's log group is the only one: no CDK-managed or LogRetention custom resource group beside it.
    template.resourceCountIs('AWS::Logs::LogGroup', 2);
    template.resourceCountIs('Custom::LogRetention', 0);
  });

  it('runs as its own role, assumed by Lambda, with no managed policies', () => {
    const resources = template.toJSON().Resources;
    expect(resources[plain.fn].Properties.Role).toEqual({ 'Fn::GetAtt': [plain.role, 'Arn'] });
    for (const ids of [plain, cms]) {
      const role = resources[ids.role].Properties;
      expect(role.AssumeRolePolicyDocument).toEqual({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'lambda.amazonaws.com' } }],
      });
      expect(role).not.toHaveProperty('ManagedPolicyArns');
    }
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  it('may only write its own log streams when the route needs nothing', () => {
    expect(template.toJSON().Resources[plain.role].Properties.Policies).toEqual([
      {
        PolicyName: 'Access',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [plain.logGroup, 'Arn'] } },
          ],
        },
      },
    ]);
  });

  it('may also read the CMS secret, and only read it, when the route needs the CMS', () => {
    expect(template.toJSON().Resources[cms.role].Properties.Policies).toEqual([
      {
        PolicyName: 'Access',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [cms.logGroup, 'Arn'] } },
            { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: SECRET_ARN },
          ],
        },
      },
    ]);
  });

  it('exposes the function as its default child', () => {
    const apiFunction = new ApiFunction(newStack(), 'Ping', { route: fixtureRoute('Ping'), config });
    expect(apiFunction.node.defaultChild).toBe(apiFunction.fn);
  });

  it('keeps its logs when the stack is deleted in prod', () => {
    const prodStack = newStack();
    new ApiFunction(prodStack, 'Ping', { route: fixtureRoute('Ping'), config: resolveStageConfig('prod', { logRetentionDays: 90 }) });
    Template.fromStack(prodStack).hasResource('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: 90 },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  it('applies a removal policy it is given instead of the stage default', () => {
    const prodStack = newStack();
    new ApiFunction(prodStack, 'Ping', {
      route: fixtureRoute('Ping'),
      config: resolveStageConfig('prod'),
      logRemovalPolicy: RemovalPolicy.DESTROY,
    });
    Template.fromStack(prodStack).hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Delete' });
  });

  it('refuses a CMS route without the secret, naming the prop', () => {
    const bare = newStack();
    expect(() => new ApiFunction(bare, 'Content', { route: fixtureRoute('Content'), config })).toThrow(
      "TestStack/Content: route \"Content\" needs 'cms', so props.cmsSecret is required.",
    );
  });

  it('bundles with the local esbuild, never Docker, into an ES module that starts with the banner', () => {
    // The only test that bundles: an app without the skip-bundling context.
    const app = new App();
    const bundled = new Stack(app, 'Bundled', { env: ENV });
    const apiFunction = new ApiFunction(bundled, 'Ping', { route: fixtureRoute('Ping'), config });
    const assembly = app.synth();
    const logicalId = bundled.getLogicalId(apiFunction.fn.node.defaultChild as CfnFunction);
    // The staged asset directory is named after the hash the code's S3 key carries.
    const s3Key: string = Template.fromStack(bundled).toJSON().Resources[logicalId].Properties.Code.S3Key;
    const assetDir = path.join(assembly.directory, `asset.${s3Key.replace(/\.zip$/, '')}`);
    expect(readdirSync(assetDir).sort()).toEqual(['index.mjs', 'index.mjs.map']);
    expect(readFileSync(path.join(assetDir, 'index.mjs'), 'utf8').startsWith(BUNDLING.banner)).toBe(true);
  });

  it("fails when the route's entry does not exist", () => {
    const route = { ...fixtureRoute('Ping'), entry: 'test/infra/fixtures/missing.ts' };
    expect(() => new ApiFunction(newStack(), 'Missing', { route, config })).toThrow(/Cannot find entry file/);
  });
});
