import { CfnResource, TagManager } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { resolveStageConfig, type StageConfig } from '../../lib/config';
import { SERVICE_NAME } from '../../lib/function-settings';
import { MarchcroftApiStack } from '../../lib/marchcroft-api-stack';
import { CDK_JSON_STAGES, cdkJsonStageConfig, ENV, newApp } from './support';

const CUSTOM_DOMAIN = { domainName: 'api.example.com', certificateArn: `arn:aws:acm:${ENV.region}:${ENV.account}:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b` };

/** The resource types that hold data or records, which prod keeps when the stack (or the resource) goes. */
const DATA_TYPES = ['AWS::DynamoDB::Table', 'AWS::Logs::LogGroup'];
/** The properties that would give each of them a fixed physical name. */
const NAME_PROPERTIES: Record<string, string> = { 'AWS::DynamoDB::Table': 'TableName', 'AWS::Logs::LogGroup': 'LogGroupName' };

/** Every stage of cdk.json, a stage cdk.json does not have (which must behave like dev), and prod with a custom domain. */
const VARIANTS: Array<[string, () => StageConfig]> = [
  ...CDK_JSON_STAGES.map((stage): [string, () => StageConfig] => [stage, () => cdkJsonStageConfig(stage)]),
  ['staging (not in cdk.json)', () => resolveStageConfig('staging')],
  ['prod with a custom domain', () => resolveStageConfig('prod', { customDomain: CUSTOM_DOMAIN })],
];

interface Synthesized {
  readonly config: StageConfig;
  readonly stack: MarchcroftApiStack;
  readonly resources: Record<string, { Type: string; Properties?: any; DeletionPolicy?: string; UpdateReplacePolicy?: string }>;
}

const synthesized = new Map<string, Synthesized>();
function synthesize(name: string, config: () => StageConfig): Synthesized {
  let built = synthesized.get(name);
  if (!built) {
    const stageConfig = config();
    const stack = new MarchcroftApiStack(newApp(), `MarchcroftApi-${stageConfig.stage}`, { config: stageConfig, env: ENV });
    built = { config: stageConfig, stack, resources: Template.fromStack(stack).toJSON().Resources };
    synthesized.set(name, built);
  }
  return built;
}

/** What a resource's `Tags` says, whichever of CloudFormation's two shapes it has (a list of Key/Value, or a map). */
function tagsOf(properties: any): Record<string, unknown> {
  const tags = properties?.Tags;
  if (Array.isArray(tags)) return Object.fromEntries(tags.map((tag: { Key: string; Value: unknown }) => [tag.Key, tag.Value]));
  return tags ?? {};
}

describe.each(VARIANTS)('stage %s', (name, config) => {
  const built = () => synthesize(name, config);

  it('keeps exactly its data in prod (Retain on delete and on replacement, the table protected), and nothing elsewhere', () => {
    const { config: stageConfig, resources } = built();
    const production = stageConfig.stage === 'prod';
    const data = Object.entries(resources).filter(([, resource]) => DATA_TYPES.includes(resource.Type));
    // The table and a log group per function and for the access logs: the check covers something.
    expect(new Set(data.map(([, resource]) => resource.Type))).toEqual(new Set(DATA_TYPES));
    for (const [id, resource] of Object.entries(resources)) {
      const kept = production && DATA_TYPES.includes(resource.Type);
      // CloudFormation deletes a resource without a DeletionPolicy (Delete is its default for these types).
      const policies = { id, DeletionPolicy: resource.DeletionPolicy ?? 'Delete', UpdateReplacePolicy: resource.UpdateReplacePolicy ?? 'Delete' };
      expect(policies).toEqual({ id, DeletionPolicy: kept ? 'Retain' : 'Delete', UpdateReplacePolicy: kept ? 'Retain' : 'Delete' });
      // A retained resource with a fixed name would make a re-created stack fail with "already exists".
      if (DATA_TYPES.includes(resource.Type)) expect(resource.Properties ?? {}).not.toHaveProperty(NAME_PROPERTIES[resource.Type]);
    }
    const tables = data.filter(([, resource]) => resource.Type === 'AWS::DynamoDB::Table');
    expect(tables).toHaveLength(1);
    expect(tables[0][1].Properties.DeletionProtectionEnabled ?? false).toBe(production);
  });

  it('owns no custom resource and nothing made outside the stack', () => {
    const { resources } = built();
    const types = new Set(Object.values(resources).map((resource) => resource.Type));
    // Custom::LogRetention would leave its own function's log group behind; the functions log to their own groups.
    expect([...types].filter((type) => type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource')).toEqual([]);
    // The certificate, the secret and the SES identity are referenced, never owned: deleting a stage leaves them alone.
    for (const owned of ['AWS::CertificateManager::Certificate', 'AWS::SecretsManager::Secret', 'AWS::SES::EmailIdentity']) expect(types).not.toContain(owned);
  });

  it('tags every taggable resource with Project and Stage', () => {
    const { config: stageConfig, stack, resources } = built();
    const expected = { Project: SERVICE_NAME, Stage: stageConfig.stage };
    const taggable = stack.node
      .findAll()
      .filter((construct): construct is CfnResource => CfnResource.isCfnResource(construct))
      .filter((resource) => TagManager.isTaggable(resource) || TagManager.isTaggableV2(resource));
    const checked = new Set<string>();
    for (const resource of taggable) {
      const id = stack.getLogicalId(resource);
      expect({ id, tags: tagsOf(resources[id].Properties) }).toEqual({ id, tags: expect.objectContaining(expected) });
      checked.add(resource.cfnResourceType);
    }
    const mustBeChecked = [
      'AWS::Lambda::Function',
      'AWS::IAM::Role',
      'AWS::DynamoDB::Table',
      'AWS::Logs::LogGroup',
      'AWS::ApiGatewayV2::Api',
      'AWS::ApiGatewayV2::Stage',
      'AWS::Events::Rule',
      ...(stageConfig.customDomain ? ['AWS::ApiGatewayV2::DomainName'] : []),
    ];
    expect([...checked].sort()).toEqual(expect.arrayContaining(mustBeChecked.sort()));
  });
});
