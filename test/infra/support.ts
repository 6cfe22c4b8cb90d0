import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, Stack, type StackProps } from 'aws-cdk-lib';
import { type StageConfig, stageConfigFromContext } from '../../lib/config';
import { defineJobs } from '../../lib/jobs';
import { MarchcroftApiStack } from '../../lib/marchcroft-api-stack';
import { defineRoutes } from '../../lib/routes';

/** A fixed environment, so ARNs in the template are literal strings instead of pseudo-parameter references. */
export const ENV = { account: '123456789012', region: 'eu-west-2' } as const;

/** An app that skips asset bundling: construct tests need no esbuild run. */
export function newApp(): App {
  return new App({ context: { 'aws:cdk:bundling-stacks': [] } });
}

export function newStack(props: StackProps = { env: ENV }): Stack {
  return new Stack(newApp(), 'TestStack', props);
}

const cdkJson = JSON.parse(readFileSync(path.resolve(__dirname, '../../cdk.json'), 'utf8')) as { context: { stages: Record<string, unknown> } & Record<string, unknown> };

/** A stage configuration exactly as `bin/` reads it from the real cdk.json. */
export function cdkJsonStageConfig(stage: string): StageConfig {
  return stageConfigFromContext({ stage, stages: cdkJson.context.stages });
}

/** Every stage cdk.json defines: a check "over every stage" iterates these, so a new stage is covered without a test change. */
export const CDK_JSON_STAGES: readonly string[] = Object.keys(cdkJson.context.stages);

/**
 * A stage's stack as `cdk synth -c stage=<stage>` builds it: the app gets all of cdk.json's context (its feature
 * flags included, which the construct tests leave out) and skips bundling; `env` undefined is the offline synth
 * (no credentials), `ENV` one with an account and region.
 */
export function cdkJsonStageStack(stage: string, env?: typeof ENV): { app: App; stack: MarchcroftApiStack } {
  const app = new App({ context: { ...cdkJson.context, stage, 'aws:cdk:bundling-stacks': [] } });
  const config = stageConfigFromContext({ stage: app.node.tryGetContext('stage'), stages: app.node.tryGetContext('stages') });
  const stack = new MarchcroftApiStack(app, `MarchcroftApi-${config.stage}`, { config, env });
  return { app, stack };
}

/** The fixture entry, relative to the repository root as the route table's entries are. */
export const FIXTURE_ENTRY = 'test/infra/fixtures/handler.ts';

/**
 * A table in the shape of the real one, on the fixture entry: a plain route, a throttled one, a CMS one, and
 * a throttled one with an alias that stores contact submissions.
 */
export const FIXTURE_ROUTES = defineRoutes([
  { id: 'Ping', description: 'Plain route.', methods: ['GET'], path: '/ping', entry: FIXTURE_ENTRY },
  {
    id: 'Slow',
    description: 'Throttled route.',
    methods: ['GET', 'HEAD'],
    path: '/slow/{id}',
    entry: FIXTURE_ENTRY,
    throttle: { rateLimit: 2, burstLimit: 3 },
  },
  {
    id: 'Content',
    description: 'CMS route.',
    methods: ['GET'],
    path: '/content/{slug}',
    entry: FIXTURE_ENTRY,
    needs: ['cms'],
    environment: (config) => ({ SITE_URL: config.siteUrl }),
  },
  {
    id: 'Form',
    description: 'Contact-store route with an alias.',
    methods: ['POST'],
    path: '/form',
    aliases: ['/sendForm'],
    entry: FIXTURE_ENTRY,
    needs: ['contactStore'],
    throttle: { rateLimit: 1, burstLimit: 2 },
  },
]);

export function fixtureRoute(id: string) {
  const route = FIXTURE_ROUTES.find((candidate) => candidate.id === id);
  if (!route) throw new Error(`No fixture route "${id}"`);
  return route;
}

/** A job table in the shape of the real one: a mailer-like job. */
export const FIXTURE_JOBS = defineJobs([
  { id: 'Sweep', description: 'Outbox and mail job.', entry: FIXTURE_ENTRY, needs: ['contactOutbox', 'mail'], everyMinutes: () => 5 },
]);

export function fixtureJob(id: string) {
  const job = FIXTURE_JOBS.find((candidate) => candidate.id === id);
  if (!job) throw new Error(`No fixture job "${id}"`);
  return job;
}

type Resources = Record<string, { Type: string; Properties?: any }>;
type Statement = { Action?: unknown; NotAction?: unknown; Resource?: unknown; NotResource?: unknown };

/** Identities whose inline `Policies` are IAM policies. */
const INLINE_POLICY_TYPES = new Set(['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group']);
/** Resources whose `PolicyDocument` is an IAM policy, read like an identity's: standalone policies and resource policies. */
const POLICY_DOCUMENT_TYPES = new Set(['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::SNS::TopicPolicy', 'AWS::SQS::QueuePolicy', 'AWS::S3::BucketPolicy']);
/**
 * Policies this check does not read, by resource type and property: each has rules of its own (a key policy's
 * `Resource` is `*` by definition, for instance), so a template with one fails until the check learns them.
 */
const UNREAD_POLICIES: Record<string, string> = {
  'AWS::KMS::Key': 'KeyPolicy',
  'AWS::SecretsManager::ResourcePolicy': 'ResourcePolicy',
  'AWS::DynamoDB::ResourcePolicy': 'PolicyDocument',
  'AWS::DynamoDB::Table': 'ResourcePolicy',
  'AWS::Logs::ResourcePolicy': 'PolicyDocument',
  'AWS::Events::EventBusPolicy': 'Statement',
};

/** Every IAM statement a template grants: identities' inline policies, standalone policies and the resource policies above. */
function iamStatements(resources: Resources): Array<{ where: string; statement: Statement }> {
  const found: Array<{ where: string; statement: Statement }> = [];
  for (const [logicalId, resource] of Object.entries(resources)) {
    const documents: Array<{ Statement?: Statement[] | Statement }> = [];
    if (POLICY_DOCUMENT_TYPES.has(resource.Type)) documents.push(resource.Properties?.PolicyDocument);
    if (INLINE_POLICY_TYPES.has(resource.Type)) documents.push(...(resource.Properties?.Policies ?? []).map((policy: any) => policy.PolicyDocument));
    // A single statement may be written as an object rather than a one-element array.
    for (const document of documents) for (const statement of [document?.Statement ?? []].flat()) found.push({ where: logicalId, statement });
  }
  return found;
}

/**
 * A resource as a string, references written `${...}`, so a wildcard in a
 * literal part shows and a reference cannot pass for one.
 */
export function renderArn(value: unknown, resources: Resources): string {
  if (typeof value === 'string') return value;
  const intrinsic = value as Record<string, any>;
  if ('Ref' in intrinsic) return `\${${intrinsic.Ref}}`;
  if ('Fn::Join' in intrinsic) {
    const [separator, parts] = intrinsic['Fn::Join'] as [string, unknown[]];
    return parts.map((part) => renderArn(part, resources)).join(separator);
  }
  if ('Fn::GetAtt' in intrinsic) {
    const [logicalId, attribute] = intrinsic['Fn::GetAtt'] as [string, string];
    // A log group's `Arn` attribute is `arn:...:log-group:NAME:*`: write out the wildcard it carries.
    if (resources[logicalId]?.Type === 'AWS::Logs::LogGroup' && attribute === 'Arn') return `arn:logs:log-group:\${${logicalId}}:*`;
    return `\${${logicalId}.${attribute}}`;
  }
  throw new Error(`Cannot render the resource ${JSON.stringify(value)}`);
}

/**
 * The wildcards a template's IAM policies grant, one line each; empty when
 * every statement names its actions and resources exactly, no identity
 * attaches a managed policy (whose statements the template does not show),
 * and no resource carries a policy this check cannot read. Two wildcards
 * pass, because AWS requires them and each stays within one resource:
 * - `:*` after a log group's name: log streams are resources under their
 *   group, and CreateLogStream / PutLogEvents act on the streams;
 * - `-??????` after a secret's name: Secrets Manager appends a hyphen and six
 *   random characters to every secret's ARN, which a secret referenced by
 *   name cannot know. Each `?` matches exactly one character, so another
 *   secret matches only if its name is this one's plus those seven.
 */
export function wildcardGrants(template: { Resources?: Resources }): string[] {
  const resources = template.Resources ?? {};
  const problems: string[] = [];
  for (const [logicalId, resource] of Object.entries(resources)) {
    // A managed policy's statements are not in the template, so nothing here could vouch for them.
    if (INLINE_POLICY_TYPES.has(resource.Type) && resource.Properties?.ManagedPolicyArns !== undefined) problems.push(`${logicalId}: managed policies`);
    const unread = UNREAD_POLICIES[resource.Type];
    if (unread !== undefined && resource.Properties?.[unread] !== undefined) problems.push(`${logicalId}: ${resource.Type} ${unread} not checked`);
  }
  for (const { where, statement } of iamStatements(resources)) {
    if (statement.NotAction !== undefined) problems.push(`${where}: NotAction`);
    if (statement.NotResource !== undefined) problems.push(`${where}: NotResource`);
    for (const action of [statement.Action ?? []].flat()) {
      if (typeof action !== 'string' || /[*?]/.test(action)) problems.push(`${where}: action ${JSON.stringify(action)}`);
    }
    for (const resource of [statement.Resource ?? []].flat()) {
      const arn = renderArn(resource, resources);
      const rest = arn.replace(/:log-group:[^:*?]+:\*$/, ':log-group:NAME').replace(/:secret:[^:*?]+-\?{6}$/, ':secret:NAME');
      if (/[*?]/.test(rest)) problems.push(`${where}: resource ${arn}`);
    }
  }
  return problems;
}

/** How many IAM statements a template grants, so a check over them cannot pass on none. */
export function iamStatementCount(template: { Resources?: Resources }): number {
  return iamStatements(template.Resources ?? {}).length;
}
