import type { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { StageConfig } from './config';
import { CONTACT_SUBMISSIONS_TABLE } from './contact-submissions';
import { isProductionStage, stageRemovalPolicy } from './private/stage-retention';

/** Properties of a {@link ContactSubmissionsTable}. */
export interface ContactSubmissionsTableProps {
  /** The stage: whether the table is protected and kept. */
  readonly config: StageConfig;
  /**
   * What happens to the table, and every submission in it, when it leaves the stack.
   * @default - RETAIN in prod, DESTROY in every other stage
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Whether DynamoDB refuses to delete the table, whoever asks.
   * @default - true in prod, false in every other stage
   */
  readonly deletionProtection?: boolean;
}

/**
 * The table of contact-form submissions, in the shape of
 * `CONTACT_SUBMISSIONS_TABLE`: one item per submission keyed by its id,
 * deleted by DynamoDB at its `expiresAt` (personal data is kept for the
 * stage's retention only), and a sparse `outbox` index of the submissions
 * whose email is due, sorted by when. On demand, with point-in-time
 * recovery and the AWS managed key; protected and retained in prod.
 */
export class ContactSubmissionsTable extends Construct {
  /** The table (id `Resource`, so it is this construct's `node.defaultChild`). */
  readonly table: Table;

  constructor(scope: Construct, id: string, props: ContactSubmissionsTableProps) {
    super(scope, id);
    const { config } = props;
    const { partitionKey, timeToLiveAttribute, outboxIndex } = CONTACT_SUBMISSIONS_TABLE;

    // No tableName: prod retains the table, and a fixed name on a retained table would make a re-created stack fail.
    this.table = new Table(this, 'Resource', {
      partitionKey: { name: partitionKey, type: AttributeType.STRING },
      // A contact form's traffic is a few items a day with bursts: nothing to provision.
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // The `aws/dynamodb` key of the account, explicitly (the default is a key AWS owns, invisible in CloudTrail).
      // Its key policy lets every principal of the account use it through DynamoDB: the functions need no kms: permission.
      encryption: TableEncryption.AWS_MANAGED,
      timeToLiveAttribute,
      deletionProtection: props.deletionProtection ?? isProductionStage(config),
      removalPolicy: props.removalPolicy ?? stageRemovalPolicy(config),
    });
    // Sparse: only items that carry `outbox` are in it. ALL: the mailer composes the email from what the query answers.
    this.table.addGlobalSecondaryIndex({
      indexName: outboxIndex.indexName,
      partitionKey: { name: outboxIndex.partitionKey, type: AttributeType.STRING },
      sortKey: { name: outboxIndex.sortKey, type: AttributeType.NUMBER },
      projectionType: ProjectionType.ALL,
    });
  }
}
