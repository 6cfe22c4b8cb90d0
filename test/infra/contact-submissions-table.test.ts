import { RemovalPolicy } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { resolveStageConfig, type StageConfig } from '../../lib/config';
import { ContactSubmissionsTable, type ContactSubmissionsTableProps } from '../../lib/contact-submissions-table';
import { newStack } from './support';

function build(config: StageConfig, props: Partial<ContactSubmissionsTableProps> = {}) {
  const stack = newStack();
  const construct = new ContactSubmissionsTable(stack, 'Submissions', { config, ...props });
  const template = Template.fromStack(stack);
  const tables = Object.values(template.toJSON().Resources as Record<string, any>).filter((resource) => resource.Type === 'AWS::DynamoDB::Table');
  expect(tables).toHaveLength(1);
  return { construct, template, table: tables[0] };
}

/** Everything but the stage-dependent protection, identical in every stage: the literal names of CONTACT_SUBMISSIONS_TABLE. */
const SHAPE = {
  KeySchema: [{ AttributeName: 'submissionId', KeyType: 'HASH' }],
  AttributeDefinitions: [
    { AttributeName: 'submissionId', AttributeType: 'S' },
    { AttributeName: 'outbox', AttributeType: 'S' },
    { AttributeName: 'nextAttemptAt', AttributeType: 'N' },
  ],
  BillingMode: 'PAY_PER_REQUEST',
  PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
  // Enabled with no key named: the account's AWS managed key, aws/dynamodb.
  SSESpecification: { SSEEnabled: true },
  TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
  GlobalSecondaryIndexes: [
    {
      IndexName: 'outbox',
      KeySchema: [
        { AttributeName: 'outbox', KeyType: 'HASH' },
        { AttributeName: 'nextAttemptAt', KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    },
  ],
};

describe('ContactSubmissionsTable', () => {
  it('is on demand, recoverable to any point, encrypted with the AWS managed key, expiring items, with the sparse outbox index (dev)', () => {
    const { table } = build(resolveStageConfig('dev'));
    expect(table.Properties).toEqual({ ...SHAPE, DeletionProtectionEnabled: false });
    // No name: CloudFormation names it, so a retained table never blocks a re-created stack.
    expect(table.Properties).not.toHaveProperty('TableName');
    expect(table).toMatchObject({ DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' });
  });

  it('is protected from deletion and retained with the stack in prod', () => {
    const { table } = build(resolveStageConfig('prod'));
    expect(table.Properties).toEqual({ ...SHAPE, DeletionProtectionEnabled: true });
    expect(table).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('takes a removal policy and deletion protection it is given instead of the stage defaults', () => {
    const { table } = build(resolveStageConfig('prod'), { removalPolicy: RemovalPolicy.DESTROY, deletionProtection: false });
    expect(table).toMatchObject({ Properties: { DeletionProtectionEnabled: false }, DeletionPolicy: 'Delete' });
  });

  it('creates nothing beside the table: no key, no policy (and, above, no stream)', () => {
    expect(Object.keys(build(resolveStageConfig('prod')).template.toJSON().Resources)).toHaveLength(1);
  });

  it('exposes the table as its default child', () => {
    const { construct } = build(resolveStageConfig('dev'));
    expect(construct.node.defaultChild).toBe(construct.table);
  });
});
