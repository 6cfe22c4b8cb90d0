import { Template } from 'aws-cdk-lib/assertions';
import { CDK_JSON_STAGES, cdkJsonStageStack, ENV, iamStatementCount, wildcardGrants } from './support';

// `cdk synth` without credentials leaves the account and region to CloudFormation (`${AWS::Region}` in the ARNs);
// CodeBuild's deploy has both. The wildcards must be the same two either way.
const ENVIRONMENTS = [
  ['offline (no account or region)', undefined],
  ['for an account and region', ENV],
] as const;

describe('IAM statements of every stage in cdk.json', () => {
  it('include dev and prod', () => {
    expect(CDK_JSON_STAGES).toEqual(expect.arrayContaining(['dev', 'prod']));
  });

  describe.each(CDK_JSON_STAGES)('stage %s', (stage) => {
    it.each(ENVIRONMENTS)('grant no wildcard action and no wildcard resource but the two AWS requires, synthesized %s', (_name, env) => {
      const json = Template.fromStack(cdkJsonStageStack(stage, env).stack).toJSON();
      expect(iamStatementCount(json)).toBeGreaterThan(0);
      expect(wildcardGrants(json)).toEqual([]);
    });
  });
});

describe('wildcardGrants, beyond roles', () => {
  const statement = { Effect: 'Allow', Action: 'sns:Publish', Resource: '*' };

  it('reads users\u2019 and groups\u2019 inline policies and their managed policies', () => {
    const policies = [{ PolicyName: 'P', PolicyDocument: { Statement: [statement] } }];
    const template = {
      Resources: {
        User: { Type: 'AWS::IAM::User', Properties: { Policies: policies } },
        Group: { Type: 'AWS::IAM::Group', Properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] } },
      },
    };
    expect(wildcardGrants(template)).toEqual(['Group: managed policies', 'User: resource *']);
  });

  it.each(['AWS::SNS::TopicPolicy', 'AWS::SQS::QueuePolicy', 'AWS::S3::BucketPolicy'])('reads the resource policy of %s like an identity policy', (type) => {
    expect(wildcardGrants({ Resources: { Policy: { Type: type, Properties: { PolicyDocument: { Statement: [statement] } } } } })).toEqual(['Policy: resource *']);
  });

  it('reads a statement written as an object rather than a list', () => {
    const policy = { Type: 'AWS::IAM::Policy', Properties: { PolicyDocument: { Statement: { Effect: 'Allow', Action: 'sqs:*', Resource: 'arn:aws:sqs:eu-west-2:1:q' } } } };
    expect(wildcardGrants({ Resources: { Policy: policy } })).toEqual(['Policy: action "sqs:*"']);
  });

  it.each([
    ['AWS::KMS::Key', 'KeyPolicy'],
    ['AWS::SecretsManager::ResourcePolicy', 'ResourcePolicy'],
    ['AWS::DynamoDB::Table', 'ResourcePolicy'],
    ['AWS::Logs::ResourcePolicy', 'PolicyDocument'],
  ])('refuses a %s %s, which it does not know how to read', (type, property) => {
    expect(wildcardGrants({ Resources: { It: { Type: type, Properties: { [property]: { Statement: [] } } } } })).toEqual([`It: ${type} ${property} not checked`]);
  });

  it('lets a table without a resource policy pass', () => {
    expect(wildcardGrants({ Resources: { Table: { Type: 'AWS::DynamoDB::Table', Properties: { KeySchema: [] } } } })).toEqual([]);
  });
});
