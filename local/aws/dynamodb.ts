import { Server } from 'node:http';
import {
  CreateTableCommand,
  DeleteItemCommand,
  DynamoDBClient,
  ScanCommand,
  type AttributeValue,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
// Comes with @aws-sdk/lib-dynamodb (its marshalling); the plain client's items, unmarshalled without a DocumentClient.
import { unmarshall } from '@aws-sdk/util-dynamodb';
import dynalite from 'dynalite';
import { CONTACT_SUBMISSIONS_TABLE } from '../../lib/contact-submissions';
import { LOCAL_AWS_CREDENTIALS, LOCAL_AWS_REGION } from './credentials';
import { httpUrl, listen } from './listening';

export interface LocalDynamoDbOptions {
  /**
   * Names of the tables to create.
   * @default { contactSubmissions: 'contact-submissions' }
   */
  readonly tables?: { readonly contactSubmissions?: string };
  /** @default 0 (a free port, kept across stop() and start()) */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
}

/** A DynamoDB-compatible server (dynalite, in memory) holding the API's tables. */
export interface LocalDynamoDb {
  /** e.g. `http://127.0.0.1:PORT`: what `AWS_ENDPOINT_URL_DYNAMODB` is set to. */
  readonly endpoint: string;
  /** The contact-submissions table. */
  readonly tableName: string;
  /** Whether it accepts connections (false between stop() and start()). */
  readonly running: boolean;
  /** Every item of a table, as plain objects (numbers as numbers, sets as Sets). @default the contact-submissions table */
  scan(tableName?: string): Promise<Record<string, unknown>[]>;
  /** Deletes every item of the contact-submissions table; the table and its index stay. */
  clear(): Promise<void>;
  /** Stops listening and drops every connection, keeping the data: clients get ECONNREFUSED until start(). */
  stop(): Promise<void>;
  /** Listens again on the same host and port, with the same data. */
  start(): Promise<void>;
  /** Stops for good and frees the store. */
  close(): Promise<void>;
}

const DEFAULT_TABLE_NAME = 'contact-submissions';

/**
 * The contact-submissions table as the stack declares it, from `CONTACT_SUBMISSIONS_TABLE`:
 * on-demand, keyed by the submission id, with the sparse outbox index (projection ALL).
 * The TTL attribute is not part of a CreateTable call (and dynalite has no TTL).
 */
export function contactSubmissionsTableInput(tableName: string): CreateTableCommandInput {
  const { partitionKey, outboxIndex } = CONTACT_SUBMISSIONS_TABLE;
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: partitionKey, AttributeType: 'S' },
      { AttributeName: outboxIndex.partitionKey, AttributeType: 'S' },
      { AttributeName: outboxIndex.sortKey, AttributeType: 'N' },
    ],
    KeySchema: [{ AttributeName: partitionKey, KeyType: 'HASH' }],
    GlobalSecondaryIndexes: [
      {
        IndexName: outboxIndex.indexName,
        KeySchema: [
          { AttributeName: outboxIndex.partitionKey, KeyType: 'HASH' },
          { AttributeName: outboxIndex.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  };
}

/**
 * Starts dynalite in memory on `127.0.0.1` and creates the contact-submissions table
 * with the real AWS SDK client, so the table is ACTIVE when this resolves.
 */
export async function startLocalDynamoDb(options: LocalDynamoDbOptions = {}): Promise<LocalDynamoDb> {
  const host = options.host ?? '127.0.0.1';
  const tableName = options.tables?.contactSubmissions ?? DEFAULT_TABLE_NAME;
  // Tables are ACTIVE at once instead of CREATING for half a second.
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const port = await listen(server, options.port ?? 0, host);
  const endpoint = httpUrl(host, port);
  const client = new DynamoDBClient({ endpoint, region: LOCAL_AWS_REGION, credentials: LOCAL_AWS_CREDENTIALS });
  let running = true;
  let closing: Promise<void> | undefined;

  // dynalite's own close() also closes the in-memory store, and a later listen() starts an
  // empty one. Stopping only the HTTP listener (http.Server's own close) keeps the data.
  const stopListening = async (): Promise<void> => {
    if (!running) return;
    running = false;
    await new Promise<void>((resolve) => {
      Server.prototype.close.call(server, () => resolve());
      server.closeAllConnections();
    });
  };

  try {
    await client.send(new CreateTableCommand(contactSubmissionsTableInput(tableName)));
  } catch (error) {
    client.destroy();
    await closeDynalite(server);
    throw error;
  }

  const scan = async (table = tableName): Promise<Record<string, unknown>[]> => {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await client.send(new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey: startKey }));
      items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  };

  return {
    endpoint,
    tableName,
    get running() {
      return running;
    },
    scan,
    async clear() {
      const key = CONTACT_SUBMISSIONS_TABLE.partitionKey;
      for (const item of await scan()) {
        await client.send(new DeleteItemCommand({ TableName: tableName, Key: { [key]: { S: String(item[key]) } } }));
      }
    },
    stop: stopListening,
    async start() {
      if (running || closing) return;
      await listen(server, port, host);
      running = true;
    },
    close() {
      closing ??= (async () => {
        client.destroy();
        // A stopped server has nothing listening for dynalite's close() to close; its store is only memory.
        if (running) {
          running = false;
          await closeDynalite(server);
        }
      })();
      return closing;
    },
  };
}

/** dynalite's close(): the listener, every connection, then the store. */
function closeDynalite(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
