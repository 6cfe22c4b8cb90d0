import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ATTRIBUTES, OUTBOX_DUE, type DeliveryState, type SubmissionItem } from '../shared/contact-submissions';
import { isConditionalCheckFailed } from '../shared/dynamodb';

/**
 * The submissions whose email is due, and the record of each attempt. Every
 * change is conditional on the state it was read in, so two runs can never
 * both claim (and send) one submission.
 */
export interface Outbox {
  /** Submissions due at `now` (pending, or claimed by a run whose claim has lapsed), oldest first. */
  due(now: number, limit: number): Promise<SubmissionItem[]>;
  /** Claims a pending submission for one attempt until `until`; false when another run got it first. */
  claim(item: SubmissionItem, until: number): Promise<boolean>;
  markSent(item: SubmissionItem, now: number): Promise<void>;
  /** Puts the submission back in the outbox for another attempt at `retryAt`. */
  scheduleRetry(item: SubmissionItem, retryAt: number, error: string): Promise<void>;
  /** Takes the submission out of the outbox for good, as `failed` or `unconfirmed`. */
  giveUp(item: SubmissionItem, state: Extract<DeliveryState, 'failed' | 'unconfirmed'>, error: string): Promise<void>;
}

export function dynamoDbOutbox(client: DynamoDBDocumentClient, tableName: string, indexName: string): Outbox {
  const names = { '#key': ATTRIBUTES.key, '#outbox': ATTRIBUTES.outbox, '#next': ATTRIBUTES.nextAttemptAt, '#state': 'deliveryState', '#attempts': 'attempts' };

  /** An update that applies only if the item is still as `item` was read. */
  async function updateIfUnchanged(item: SubmissionItem, update: string, values: Record<string, unknown>): Promise<boolean> {
    const condition = 'attribute_exists(#key) AND #state = :readState AND #attempts = :readAttempts';
    // DynamoDB refuses names an expression does not use.
    const used = Object.fromEntries(Object.entries(names).filter(([name]) => `${update} ${condition}`.includes(name)));
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { [ATTRIBUTES.key]: item.submissionId },
          UpdateExpression: update,
          ConditionExpression: condition,
          ExpressionAttributeNames: used,
          ExpressionAttributeValues: { ...values, ':readState': item.deliveryState, ':readAttempts': item.attempts },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  return {
    async due(now, limit) {
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: indexName,
          KeyConditionExpression: '#outbox = :due AND #next <= :now',
          ExpressionAttributeNames: { '#outbox': ATTRIBUTES.outbox, '#next': ATTRIBUTES.nextAttemptAt },
          ExpressionAttributeValues: { ':due': OUTBOX_DUE, ':now': now },
          Limit: limit,
        }),
      );
      return Items as SubmissionItem[];
    },
    claim: (item, until) =>
      updateIfUnchanged(item, 'SET #state = :sending, #attempts = #attempts + :one, #next = :until', { ':sending': 'sending', ':one': 1, ':until': until }),
    async markSent(item, now) {
      await updateIfUnchanged(item, 'SET #state = :sent, sentAt = :now REMOVE #outbox, #next, lastError', { ':sent': 'sent', ':now': now });
    },
    async scheduleRetry(item, retryAt, error) {
      await updateIfUnchanged(item, 'SET #state = :pending, #next = :retryAt, lastError = :error', { ':pending': 'pending', ':retryAt': retryAt, ':error': error });
    },
    async giveUp(item, state, error) {
      await updateIfUnchanged(item, 'SET #state = :state, lastError = :error REMOVE #outbox, #next', { ':state': state, ':error': error });
    },
  };
}
