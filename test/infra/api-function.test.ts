import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnTable } from 'aws-cdk-lib/aws-dynamodb';
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { EmailIdentity, type IEmailIdentity } from 'aws-cdk-lib/aws-ses';
import { ApiFunction, type ApiFunctionProps } from '../../lib/api-function';
import { resolveStageConfig } from '../../lib/config';
import { ContactSubmissionsTable } from '../../lib/contact-submissions-table';
import { BUNDLING, functionEnvironment } from '../../lib/function-settings';
import type { FunctionDefinition } from '../../lib/functions';
import { ENV, fixtureJob, fixtureRoute, newStack } from './support';

const config = resolveStageConfig('dev', { logRetentionDays: 14 });
// Partition stays a reference: the test app sets no feature flags (cdk.json's make it the literal `aws`).
const SECRET_ARN = {
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:secretsmanager:${ENV.region}:${ENV.account}:secret:${config.cmsSecretName}-??????`]],
};
const IDENTITY_ARN = {
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:ses:${ENV.region}:${ENV.account}:identity/${config.contact.senderIdentity}`]],
};
const LOGS = (logGroup: string) => ({ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [logGroup, 'Arn'] } });

/** Everything a function may need, in one stack. */
function withResources(stack: Stack): Required<Pick<ApiFunctionProps, 'cmsSecret' | 'contactSubmissions' | 'mailIdentity'>> & { table: ContactSubmissionsTable } {
  const table = new ContactSubmissionsTable(stack, 'Submissions', { config });
  const cmsSecret: ISecret = Secret.fromSecretNameV2(stack, 'CmsSecret', config.cmsSecretName);
  const mailIdentity: IEmailIdentity = EmailIdentity.fromEmailIdentityName(stack, 'MailIdentity', config.contact.senderIdentity);
  return { table, cmsSecret, contactSubmissions: table.table, mailIdentity };
}

function logicalIds(stack: Stack, apiFunction: ApiFunction) {
  return {
    fn: stack.getLogicalId(apiFunction.fn.node.defaultChild as CfnFunction),
    role: stack.getLogicalId(apiFunction.role.node.defaultChild as CfnRole),
    logGroup: stack.getLogicalId(apiFunction.logGroup.node.defaultChild as CfnLogGroup),
  };
}

describe('ApiFunction', () => {
  // Read-only assertions share one synthesis: a plain route, a CMS route, a contact-store route and a mailer job in one stack.
  let stack: Stack;
  let template: Template;
  let table: string;
  let plain: ReturnType<typeof logicalIds>;
  let cms: ReturnType<typeof logicalIds>;
  let store: ReturnType<typeof logicalIds>;
  let mailer: ReturnType<typeof logicalIds>;
  let expectedEnvironment: (definition: FunctionDefinition) => unknown;

  beforeAll(() => {
    stack = newStack();
    const { table: submissions, ...resources } = withResources(stack);
    // Every resource goes to every function: one that does not need a resource must not be granted it.
    const build = (definition: FunctionDefinition) => logicalIds(stack, new ApiFunction(stack, definition.id, { definition, config, ...resources }));
    plain = build(fixtureRoute('Ping'));
    cms = build(fixtureRoute('Content'));
    store = build(fixtureRoute('Form'));
    mailer = build(fixtureJob('Sweep'));
    table = stack.getLogicalId(submissions.table.node.defaultChild as CfnTable);
    expectedEnvironment = (definition) => stack.resolve(functionEnvironment(definition, config, { contactSubmissionsTableName: submissions.table.tableName }));
    template = Template.fromStack(stack);
  });

  const statements = (ids: ReturnType<typeof logicalIds>) => {
    const policies = template.toJSON().Resources[ids.role].Properties.Policies;
    expect(policies).toHaveLength(1);
    expect(policies[0]).toMatchObject({ PolicyName: 'Access', PolicyDocument: { Version: '2012-10-17' } });
    return policies[0].PolicyDocument.Statement;
  };

  it('runs the house runtime, architecture, memory, timeout and handler', () => {
    template.resourcePropertiesCountIs(
      'AWS::Lambda::Function',
      { Runtime: 'nodejs24.x', Architectures: ['arm64'], MemorySize: 256, Timeout: 10, Handler: 'index.handler' },
      4,
    );
  });

  it('takes its description from the definition', () => {
    expect(template.toJSON().Resources[plain.fn].Properties.Description).toBe('Plain route.');
    expect(template.toJSON().Resources[mailer.fn].Properties.Description).toBe('Outbox and mail job.');
  });

  it.each([
    ['Ping', () => plain, () => fixtureRoute('Ping')],
    ['Content', () => cms, () => fixtureRoute('Content')],
    ['Form', () => store, () => fixtureRoute('Form')],
    ['Sweep', () => mailer, () => fixtureJob('Sweep')],
  ])('has exactly the environment functionEnvironment gives %s', (_id, ids, definition) => {
    expect(template.toJSON().Resources[ids().fn].Properties.Environment.Variables).toEqual(expectedEnvironment(definition()));
  });

  it('names the CMS secret only on a function that needs the CMS', () => {
    const resources = template.toJSON().Resources;
    expect(resources[cms.fn].Properties.Environment.Variables).toMatchObject({
      NODE_OPTIONS: '--enable-source-maps',
      CMS_SECRET_NAME: config.cmsSecretName,
    });
    for (const ids of [plain, store, mailer]) expect(resources[ids.fn].Properties.Environment.Variables).not.toHaveProperty('CMS_SECRET_NAME');
  });

  it('names the table, by reference, only to functions that need it, and the mail settings only to the mailer', () => {
    const variables = (ids: ReturnType<typeof logicalIds>) => template.toJSON().Resources[ids.fn].Properties.Environment.Variables;
    expect(variables(store)).toMatchObject({ CONTACT_TABLE_NAME: { Ref: table }, CONTACT_RETENTION_DAYS: '730' });
    expect(variables(mailer)).toMatchObject({
      CONTACT_TABLE_NAME: { Ref: table },
      CONTACT_OUTBOX_INDEX: 'outbox',
      MAIL_FROM: config.contact.senderAddress,
      MAIL_TO: config.contact.recipients.join(','),
    });
    for (const ids of [plain, cms]) expect(Object.keys(variables(ids)).filter((name) => /^(CONTACT|MAIL)_/.test(name))).toEqual([]);
    expect(Object.keys(variables(store)).filter((name) => /^MAIL_/.test(name))).toEqual([]);
  });

  it('logs JSON to its own log group, kept for the stage retention', () => {
    const resources = template.toJSON().Resources;
    expect(resources[plain.fn].Properties.LoggingConfig).toEqual({ LogFormat: 'JSON', LogGroup: { Ref: plain.logGroup } });
    expect(resources[cms.fn].Properties.LoggingConfig).toEqual({ LogFormat: 'JSON', LogGroup: { Ref: cms.logGroup } });
    expect(resources[plain.logGroup]).toMatchObject({ Properties: { RetentionInDays: 14 }, DeletionPolicy: 'Delete' });
    // Each function's log group is its only one: no CDK-managed or LogRetention custom resource group beside it.
    template.resourceCountIs('AWS::Logs::LogGroup', 4);
    template.resourceCountIs('Custom::LogRetention', 0);
  });

  it('runs as its own role, assumed by Lambda, with no managed policies', () => {
    const resources = template.toJSON().Resources;
    expect(resources[plain.fn].Properties.Role).toEqual({ 'Fn::GetAtt': [plain.role, 'Arn'] });
    for (const ids of [plain, cms, store, mailer]) {
      const role = resources[ids.role].Properties;
      expect(role.AssumeRolePolicyDocument).toEqual({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'lambda.amazonaws.com' } }],
      });
      expect(role).not.toHaveProperty('ManagedPolicyArns');
    }
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  it('may only write its own log streams when the function needs nothing', () => {
    expect(statements(plain)).toEqual([LOGS(plain.logGroup)]);
  });

  it('may also read the CMS secret, and only read it, when the function needs the CMS', () => {
    expect(statements(cms)).toEqual([LOGS(cms.logGroup), { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: SECRET_ARN }]);
  });

  it('may also put items in the table, and nothing else, when the function needs the contact store', () => {
    expect(statements(store)).toEqual([
      LOGS(store.logGroup),
      { Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: { 'Fn::GetAtt': [table, 'Arn'] } },
    ]);
  });

  it('may also query the outbox index, update items, and send mail as the identity, when the function needs the outbox and mail', () => {
    expect(statements(mailer)).toEqual([
      LOGS(mailer.logGroup),
      { Effect: 'Allow', Action: 'dynamodb:Query', Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [table, 'Arn'] }, '/index/outbox']] } },
      { Effect: 'Allow', Action: 'dynamodb:UpdateItem', Resource: { 'Fn::GetAtt': [table, 'Arn'] } },
      { Effect: 'Allow', Action: 'ses:SendEmail', Resource: IDENTITY_ARN },
    ]);
  });

  it('grants the table once, with each action once, to a function that needs both the store and the outbox', () => {
    const own = newStack();
    const definition = { ...fixtureRoute('Form'), needs: ['contactStore', 'contactOutbox'] as const };
    const { table: submissions, ...resources } = withResources(own);
    const apiFunction = new ApiFunction(own, 'Both', { definition, config, ...resources });
    const role = Template.fromStack(own).toJSON().Resources[own.getLogicalId(apiFunction.role.node.defaultChild as CfnRole)];
    const tableArn = { 'Fn::GetAtt': [own.getLogicalId(submissions.table.node.defaultChild as CfnTable), 'Arn'] };
    expect(role.Properties.Policies[0].PolicyDocument.Statement.slice(1)).toEqual([
      { Effect: 'Allow', Action: 'dynamodb:Query', Resource: { 'Fn::Join': ['', [tableArn, '/index/outbox']] } },
      { Effect: 'Allow', Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem'], Resource: tableArn },
    ]);
  });

  it('reserves no concurrency unless told, and the concurrency it is given', () => {
    const resources = template.toJSON().Resources;
    for (const ids of [plain, cms, store, mailer]) expect(resources[ids.fn].Properties).not.toHaveProperty('ReservedConcurrentExecutions');
    const own = newStack();
    new ApiFunction(own, 'Ping', { definition: fixtureRoute('Ping'), config, reservedConcurrentExecutions: 1 });
    Template.fromStack(own).hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 1 });
  });

  it.each([0, 1.5])('refuses a reserved concurrency of %s', (value) => {
    expect(() => new ApiFunction(newStack(), 'Ping', { definition: fixtureRoute('Ping'), config, reservedConcurrentExecutions: value })).toThrow(
      `TestStack/Ping: props.reservedConcurrentExecutions must be a positive integer, not ${value}.`,
    );
  });

  it('exposes the function as its default child', () => {
    const apiFunction = new ApiFunction(newStack(), 'Ping', { definition: fixtureRoute('Ping'), config });
    expect(apiFunction.node.defaultChild).toBe(apiFunction.fn);
  });

  it('keeps its logs when the stack is deleted in prod', () => {
    const prodStack = newStack();
    new ApiFunction(prodStack, 'Ping', { definition: fixtureRoute('Ping'), config: resolveStageConfig('prod', { logRetentionDays: 90 }) });
    Template.fromStack(prodStack).hasResource('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: 90 },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  it('applies a removal policy it is given instead of the stage default', () => {
    const prodStack = newStack();
    new ApiFunction(prodStack, 'Ping', {
      definition: fixtureRoute('Ping'),
      config: resolveStageConfig('prod'),
      logRemovalPolicy: RemovalPolicy.DESTROY,
    });
    Template.fromStack(prodStack).hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Delete' });
  });

  it.each([
    ['Content', () => fixtureRoute('Content'), "needs 'cms', so props.cmsSecret is required."],
    ['Form', () => fixtureRoute('Form'), "needs 'contactStore', so props.contactSubmissions is required."],
    ['Sweep', () => ({ ...fixtureJob('Sweep'), needs: ['contactOutbox'] as const }), "needs 'contactOutbox', so props.contactSubmissions is required."],
    ['Sweep', () => ({ ...fixtureJob('Sweep'), needs: ['mail'] as const }), "needs 'mail', so props.mailIdentity is required."],
  ])('refuses %s without a resource it needs, naming the prop', (id, definition, problem) => {
    expect(() => new ApiFunction(newStack(), id, { definition: definition(), config })).toThrow(`TestStack/${id}: function "${id}" ${problem}`);
  });

  it('names every need that lacks the resource', () => {
    const definition = { ...fixtureRoute('Form'), needs: ['contactStore', 'contactOutbox'] as const };
    expect(() => new ApiFunction(newStack(), 'Both', { definition, config })).toThrow(
      `TestStack/Both: function "Form" needs 'contactStore' and 'contactOutbox', so props.contactSubmissions is required.`,
    );
  });

  it('bundles with the local esbuild, never Docker, into an ES module that starts with the banner', () => {
    // The only test that bundles: an app without the skip-bundling context.
    const app = new App();
    const bundled = new Stack(app, 'Bundled', { env: ENV });
    const apiFunction = new ApiFunction(bundled, 'Ping', { definition: fixtureRoute('Ping'), config });
    const assembly = app.synth();
    const logicalId = bundled.getLogicalId(apiFunction.fn.node.defaultChild as CfnFunction);
    // The staged asset directory is named after the hash the code's S3 key carries.
    const s3Key: string = Template.fromStack(bundled).toJSON().Resources[logicalId].Properties.Code.S3Key;
    const assetDir = path.join(assembly.directory, `asset.${s3Key.replace(/\.zip$/, '')}`);
    expect(readdirSync(assetDir).sort()).toEqual(['index.mjs', 'index.mjs.map']);
    expect(readFileSync(path.join(assetDir, 'index.mjs'), 'utf8').startsWith(BUNDLING.banner)).toBe(true);
  });

  it("fails when the definition's entry does not exist", () => {
    const definition = { ...fixtureRoute('Ping'), entry: 'test/infra/fixtures/missing.ts' };
    expect(() => new ApiFunction(newStack(), 'Missing', { definition, config })).toThrow(/Cannot find entry file/);
  });
});
