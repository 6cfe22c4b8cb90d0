import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDbOutbox, type Outbox } from '../../../lambda/contact-mailer/outbox';
import { dynamoDbSubmissionStore, StoreUnavailableError, type SubmissionStore } from '../../../lambda/contact/submission-store';
import { CONTACT_SUBMISSIONS_TABLE } from '../../../lib/contact-submissions';
import { LOCAL_AWS_CREDENTIALS, LOCAL_AWS_REGION } from '../../../local/aws/credentials';
import { startLocalDynamoDb, type LocalDynamoDb } from '../../../local/aws/dynamodb';
import { submissionItem } from '../../support/contact';

const submission = (id: string, overrides = {}) => submissionItem(id, { nextAttemptAt: 1000, ...overrides });

/** The real DynamoDB code of the store and the outbox, through the real SDK, against the local DynamoDB. */

describe('the submission store and the outbox on DynamoDB', () => {
  let dynamodb: LocalDynamoDb;
  let store: SubmissionStore;
  let outbox: Outbox;
  beforeAll(async () => {
    dynamodb = await startLocalDynamoDb();
    const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: dynamodb.endpoint, region: LOCAL_AWS_REGION, credentials: LOCAL_AWS_CREDENTIALS, maxAttempts: 1 }), {
      marshallOptions: { removeUndefinedValues: true },
    });
    store = dynamoDbSubmissionStore(client, dynamodb.tableName);
    outbox = dynamoDbOutbox(client, dynamodb.tableName, CONTACT_SUBMISSIONS_TABLE.outboxIndex.indexName);
  });
  afterAll(() => dynamodb.close());
  beforeEach(() => dynamodb.clear());

  it('stores a submission once and reports the second put of its id as a duplicate', async () => {
    expect(await store.add(submission('a'))).toBe('stored');
    expect(await store.add(submission('a', { name: 'Someone else' }))).toBe('duplicate');
    expect(await dynamodb.scan()).toMatchObject([{ submissionId: 'a', name: 'Ada Lovelace' }]);
  });

  it('reports a store that cannot be reached as unavailable', async () => {
    await dynamodb.stop();
    try {
      await expect(store.add(submission('a'))).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await dynamodb.start();
    }
  });

  it('finds only the submissions due by now, oldest first', async () => {
    await store.add(submission('later', { nextAttemptAt: 3000 }));
    await store.add(submission('second', { nextAttemptAt: 2000 }));
    await store.add(submission('first', { nextAttemptAt: 1000 }));
    await store.add(submission('sent', { deliveryState: 'sent', outbox: undefined, nextAttemptAt: undefined }));
    expect((await outbox.due(2000, 10)).map((item) => item.submissionId)).toEqual(['first', 'second']);
  });

  it('lets one of two runs claim a submission, and the other not', async () => {
    await store.add(submission('a'));
    const [seen] = await outbox.due(1000, 10);
    expect(await outbox.claim(seen!, 9000)).toBe(true);
    expect(await outbox.claim(seen!, 9000)).toBe(false);
    expect((await dynamodb.scan())[0]).toMatchObject({ deliveryState: 'sending', attempts: 1, nextAttemptAt: 9000 });
  });

  it('takes a sent submission out of the outbox', async () => {
    await store.add(submission('a'));
    const claimed = { ...submission('a'), deliveryState: 'sending' as const, attempts: 1 };
    await outbox.claim(submission('a'), 9000);
    await outbox.markSent(claimed, 5000);
    const [item] = await dynamodb.scan();
    expect(item).toMatchObject({ deliveryState: 'sent', sentAt: 5000 });
    expect(item).not.toHaveProperty('outbox');
    expect(await outbox.due(Number.MAX_SAFE_INTEGER, 10)).toEqual([]);
  });

  it('puts a failed attempt back for a retry, and gives up for good when told', async () => {
    await store.add(submission('a'));
    await outbox.claim(submission('a'), 9000);
    const claimed = { ...submission('a'), deliveryState: 'sending' as const, attempts: 1 };
    await outbox.scheduleRetry(claimed, 7000, 'ServiceUnavailable');
    expect((await outbox.due(7000, 10))[0]).toMatchObject({ deliveryState: 'pending', attempts: 1, lastError: 'ServiceUnavailable' });
    await outbox.giveUp({ ...claimed, deliveryState: 'pending' }, 'failed', 'ServiceUnavailable');
    expect((await dynamodb.scan())[0]).toMatchObject({ deliveryState: 'failed' });
    expect(await outbox.due(Number.MAX_SAFE_INTEGER, 10)).toEqual([]);
  });
});
