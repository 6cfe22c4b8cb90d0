import {
  ConditionalCheckFailedException,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { CONTACT_SUBMISSIONS_TABLE } from '../../lib/contact-submissions';
import { LOCAL_AWS_CREDENTIALS, LOCAL_AWS_REGION } from '../../local/aws/credentials';
import { startLocalDynamoDb, type LocalDynamoDb } from '../../local/aws/dynamodb';

const TABLE = 'test-contact-submissions';
const { partitionKey, outboxIndex } = CONTACT_SUBMISSIONS_TABLE;

/** The SDK as a handler uses it, pointed at the stand-in; one attempt, so a refused connection fails at once. */
function clientFor(store: LocalDynamoDb): DynamoDBClient {
  return new DynamoDBClient({ endpoint: store.endpoint, region: LOCAL_AWS_REGION, credentials: LOCAL_AWS_CREDENTIALS, maxAttempts: 1 });
}

describe('the local DynamoDB', () => {
  let store: LocalDynamoDb;
  let client: DynamoDBClient;

  beforeAll(async () => {
    store = await startLocalDynamoDb({ tables: { contactSubmissions: TABLE } });
    client = clientFor(store);
  });

  afterAll(async () => {
    client.destroy();
    await store.close();
  });

  beforeEach(() => store.clear());

  it('listens on 127.0.0.1 and names its table as told', () => {
    expect(store.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(store.tableName).toBe(TABLE);
  });

  it('has the contact-submissions table, active and on demand, keyed by the submission id', async () => {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: TABLE }));

    expect(Table).toMatchObject({
      TableName: TABLE,
      TableStatus: 'ACTIVE',
      BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
      KeySchema: [{ AttributeName: partitionKey, KeyType: 'HASH' }],
    });
    expect(Table?.AttributeDefinitions).toEqual(
      expect.arrayContaining([
        { AttributeName: partitionKey, AttributeType: 'S' },
        { AttributeName: outboxIndex.partitionKey, AttributeType: 'S' },
        { AttributeName: outboxIndex.sortKey, AttributeType: 'N' },
      ]),
    );
  });

  it('has the outbox index: partition `outbox`, sort `nextAttemptAt`, every attribute projected', async () => {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: TABLE }));

    expect(Table?.GlobalSecondaryIndexes).toEqual([
      expect.objectContaining({
        IndexName: outboxIndex.indexName,
        IndexStatus: 'ACTIVE',
        KeySchema: [
          { AttributeName: outboxIndex.partitionKey, KeyType: 'HASH' },
          { AttributeName: outboxIndex.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      }),
    ]);
  });

  it('puts and gets an item with the real SDK, the document client included', async () => {
    const documents = DynamoDBDocumentClient.from(client);

    await documents.send(new PutCommand({ TableName: TABLE, Item: { [partitionKey]: 'sub-1', name: 'Ada', attempts: 0 } }));
    const { Item } = await documents.send(new GetCommand({ TableName: TABLE, Key: { [partitionKey]: 'sub-1' }, ConsistentRead: true }));

    expect(Item).toEqual({ [partitionKey]: 'sub-1', name: 'Ada', attempts: 0 });
  });

  it('answers a failed condition with ConditionalCheckFailedException, leaving the item as it was', async () => {
    const put = (name: string) =>
      client.send(
        new PutItemCommand({
          TableName: TABLE,
          Item: { [partitionKey]: { S: 'sub-2' }, name: { S: name } },
          ConditionExpression: 'attribute_not_exists(#key)',
          ExpressionAttributeNames: { '#key': partitionKey },
        }),
      );
    await put('first');

    const second = put('second');

    await expect(second).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    await expect(second).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    expect(await store.scan()).toEqual([{ [partitionKey]: 'sub-2', name: 'first' }]);
  });

  it('keeps only the items that carry `outbox` in the outbox index, in `nextAttemptAt` order', async () => {
    const item = (id: string, extra: Record<string, { S: string } | { N: string }>) =>
      client.send(new PutItemCommand({ TableName: TABLE, Item: { [partitionKey]: { S: id }, ...extra } }));
    await item('late', { outbox: { S: 'due' }, nextAttemptAt: { N: '3000' } });
    await item('sent', { deliveryState: { S: 'sent' } });
    await item('early', { outbox: { S: 'due' }, nextAttemptAt: { N: '1000' } });
    await item('later', { outbox: { S: 'due' }, nextAttemptAt: { N: '9000' } });

    const { Items } = await client.send(
      new QueryCommand({
        TableName: TABLE,
        IndexName: outboxIndex.indexName,
        KeyConditionExpression: '#outbox = :due AND #next <= :now',
        ExpressionAttributeNames: { '#outbox': outboxIndex.partitionKey, '#next': outboxIndex.sortKey },
        ExpressionAttributeValues: { ':due': { S: 'due' }, ':now': { N: '5000' } },
      }),
    );

    expect(Items?.map((found) => found[partitionKey]?.S)).toEqual(['early', 'late']);
  });

  it('scan() gives every item as a plain object, numbers as numbers', async () => {
    await client.send(new PutItemCommand({ TableName: TABLE, Item: { [partitionKey]: { S: 'sub-3' }, nextAttemptAt: { N: '1796293111311' } } }));

    expect(await store.scan()).toEqual([{ [partitionKey]: 'sub-3', nextAttemptAt: 1796293111311 }]);
  });

  it('clear() deletes every item and keeps the table', async () => {
    await client.send(new PutItemCommand({ TableName: TABLE, Item: { [partitionKey]: { S: 'sub-4' } } }));

    await store.clear();

    expect(await store.scan()).toEqual([]);
    expect((await client.send(new DescribeTableCommand({ TableName: TABLE }))).Table?.TableStatus).toBe('ACTIVE');
  });

  it('is reached from AWS_ENDPOINT_URL_DYNAMODB alone, as a handler\u2019s `new DynamoDBClient({})` reaches it', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_DYNAMODB: store.endpoint,
      AWS_REGION: LOCAL_AWS_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_AWS_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_AWS_CREDENTIALS.secretAccessKey,
      AWS_SESSION_TOKEN: LOCAL_AWS_CREDENTIALS.sessionToken,
    });
    const plain = new DynamoDBClient({});
    try {
      expect((await plain.send(new ListTablesCommand({}))).TableNames).toEqual([TABLE]);
    } finally {
      plain.destroy();
      process.env = saved;
    }
  });

  it('refuses connections while stopped, and has the same data on the same endpoint once started again', async () => {
    await client.send(new PutItemCommand({ TableName: TABLE, Item: { [partitionKey]: { S: 'kept' } } }));
    const endpoint = store.endpoint;
    const fresh = clientFor(store);
    try {
      await store.stop();
      const whileStopped = fresh.send(new GetItemCommand({ TableName: TABLE, Key: { [partitionKey]: { S: 'kept' } } }));
      await expect(whileStopped).rejects.toThrow(/ECONNREFUSED/);
      expect(store.running).toBe(false);
    } finally {
      fresh.destroy();
      await store.start();
    }

    expect(store.running).toBe(true);
    expect(store.endpoint).toBe(endpoint);
    const { Item } = await client.send(new GetItemCommand({ TableName: TABLE, Key: { [partitionKey]: { S: 'kept' } }, ConsistentRead: true }));
    expect(Item).toEqual({ [partitionKey]: { S: 'kept' } });
  });

  it('drops open keep-alive connections on stop(), so a client that already talked to it fails too', async () => {
    const warm = clientFor(store);
    try {
      await warm.send(new ListTablesCommand({}));

      await store.stop();

      // Its pooled connection was closed under it (a hang-up) or it was already gone (refused): either way, no answer.
      await expect(warm.send(new ListTablesCommand({}))).rejects.toThrow(/ECONNREFUSED|socket hang up|ECONNRESET/);
    } finally {
      warm.destroy();
      await store.start();
    }
  });
});

describe('a closed local DynamoDB', () => {
  it.each([
    ['running', async () => undefined],
    ['stopped', async (store: LocalDynamoDb) => store.stop()],
  ])('frees its port when closed while %s, and can be closed twice', async (_state, before) => {
    const store = await startLocalDynamoDb();
    const client = clientFor(store);
    try {
      await before(store);

      await store.close();
      await store.close();

      await expect(client.send(new ListTablesCommand({}))).rejects.toThrow(/ECONNREFUSED/);
      expect(store.running).toBe(false);
    } finally {
      client.destroy();
    }
  });

  it('stays closed: start() after close() does not listen again', async () => {
    const store = await startLocalDynamoDb();
    const client = clientFor(store);
    try {
      await store.close();

      await store.start();

      await expect(client.send(new ListTablesCommand({}))).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      client.destroy();
    }
  });
});
