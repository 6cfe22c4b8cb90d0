import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { MarchcroftError } from '../shared/errors';
import { ATTRIBUTES, type SubmissionItem } from '../shared/contact-submissions';
import { isConditionalCheckFailed } from '../shared/dynamodb';

/** Where submissions are kept. */
export interface SubmissionStore {
  /**
   * Stores a new submission once: `duplicate` when one with the same id is
   * already stored (a retried POST), which is left as it was.
   * @throws {@link StoreUnavailableError} when the store cannot be reached.
   */
  add(item: SubmissionItem): Promise<'stored' | 'duplicate'>;
}

/** The store did not take the submission: nothing may claim it was kept. */
export class StoreUnavailableError extends MarchcroftError {
  override readonly name = 'StoreUnavailableError';
}

/** The submissions table, through the real DynamoDB client. */
export function dynamoDbSubmissionStore(client: DynamoDBDocumentClient, tableName: string): SubmissionStore {
  return {
    async add(item) {
      try {
        // The condition makes concurrent POSTs of one id (a double click) store one item: the second fails it.
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: item,
            ConditionExpression: 'attribute_not_exists(#key)',
            ExpressionAttributeNames: { '#key': ATTRIBUTES.key },
          }),
        );
        return 'stored';
      } catch (error) {
        if (isConditionalCheckFailed(error)) return 'duplicate';
        throw new StoreUnavailableError('The submissions table did not take the submission', { cause: error });
      }
    },
  };
}
