import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DescribeTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { localResourceNames } from '../../lib/function-settings';
import { defineJobs } from '../../lib/jobs';
import { defineRoutes } from '../../lib/routes';
import { LOCAL_AWS_CREDENTIALS, LOCAL_AWS_REGION } from '../../local/aws/credentials';
import { startLocalApi, type LocalApi, type LocalApiOptions } from '../../local/local-api';

interface Called {
  readonly env: Record<string, string>;
  readonly stored?: string;
  readonly sent?: string;
}

const ENTRY = 'test/local-aws/fixtures/aws-calls.ts';
const BUILD_ROOT = join(__dirname, '..', '..', '.build', 'local-aws-test');

/** Functions that each need something else: the store, the outbox and mail, or nothing at all. */
const ROUTES = defineRoutes([
  { id: 'Store', description: 'stores', methods: ['POST'], path: '/store', entry: ENTRY, needs: ['contactStore'] },
  { id: 'Plain', description: 'needs nothing', methods: ['GET'], path: '/plain', entry: ENTRY },
]);
const JOBS = defineJobs([{ id: 'Mailer', description: 'stores and mails', entry: ENTRY, needs: ['contactOutbox', 'mail'], everyMinutes: () => 1 }]);

function quietLocalApi(suite: string, options: LocalApiOptions = {}): Promise<LocalApi> {
  return startLocalApi({ routes: ROUTES, jobs: JOBS, emulator: { buildDir: join(BUILD_ROOT, suite), onLog: () => undefined }, ...options });
}

const START_TIMEOUT_MS = 60_000;

describe('the local API\u2019s AWS stand-ins', () => {
  let api: LocalApi;

  beforeAll(async () => {
    api = await quietLocalApi('wiring');
  }, START_TIMEOUT_MS);

  afterAll(() => api.close());

  beforeEach(async () => {
    await Promise.all([api.dynamodb.clear(), api.ses.clear()]);
  });

  it('creates the contact-submissions table under the name the functions are given', async () => {
    const client = new DynamoDBClient({ endpoint: api.dynamodb.endpoint, region: LOCAL_AWS_REGION, credentials: LOCAL_AWS_CREDENTIALS });
    try {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: localResourceNames(api.config).contactSubmissionsTableName }));

      expect(api.dynamodb.tableName).toBe('marchcroft-api-dev-contact-submissions');
      expect(Table?.TableStatus).toBe('ACTIVE');
    } finally {
      client.destroy();
    }
  });

  it('lets a route that needs the store write to the local DynamoDB with a plain `new DynamoDBClient({})`', async () => {
    const response = await fetch(`${api.url}/store`, { method: 'POST' });
    const called = (await response.json()) as Called;

    expect(response.status).toBe(200);
    expect(called.env).toMatchObject({ AWS_ENDPOINT_URL_DYNAMODB: api.dynamodb.endpoint, CONTACT_TABLE_NAME: api.dynamodb.tableName });
    expect(called.env.AWS_ENDPOINT_URL_SESV2).toBeUndefined();
    expect(await api.dynamodb.scan()).toEqual([{ submissionId: 'from-marchcroft-api-dev-Store' }]);
  });

  it('lets a job that needs the outbox and mail reach both stand-ins, sending as the stage\u2019s sender to its recipients', async () => {
    const called = (await api.runJob('Mailer')) as Called;

    expect(called.env).toMatchObject({ AWS_ENDPOINT_URL_DYNAMODB: api.dynamodb.endpoint, AWS_ENDPOINT_URL_SESV2: api.ses.endpoint });
    expect(await api.dynamodb.scan()).toEqual([{ submissionId: 'from-marchcroft-api-dev-Mailer' }]);
    expect(await api.ses.emails()).toEqual([
      expect.objectContaining({
        messageId: called.sent,
        from: api.config.contact.senderAddress,
        to: api.config.contact.recipients,
        subject: 'from marchcroft-api-dev-Mailer',
      }),
    ]);
  });

  it('gives a function that needs neither service no endpoint, but the dummy credentials Lambda gives every function', async () => {
    const { env } = (await (await fetch(`${api.url}/plain`)).json()) as Called;

    expect(env).toEqual({
      AWS_ACCESS_KEY_ID: LOCAL_AWS_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_AWS_CREDENTIALS.secretAccessKey,
      AWS_SESSION_TOKEN: LOCAL_AWS_CREDENTIALS.sessionToken,
    });
  });

  it('runs jobs only when asked, unless mailerIntervalMs is given', async () => {
    const runs = () => api.emulator.logs('Mailer').filter((line) => line.startsWith('START ')).length;
    const before = runs();

    await sleep(300);

    expect(runs()).toBe(before);
  });
});

describe('the local API with mailerIntervalMs', () => {
  it('runs the jobs by themselves on that interval', async () => {
    const api = await quietLocalApi('interval', { mailerIntervalMs: 50 });
    try {
      const deadline = Date.now() + 10_000;
      while ((await api.ses.emails()).length < 2 && Date.now() < deadline) await sleep(25);

      expect((await api.ses.emails()).length).toBeGreaterThanOrEqual(2);
    } finally {
      await api.close();
    }
  }, START_TIMEOUT_MS);
});

describe('closing the local API', () => {
  it('closes the stand-ins with it', async () => {
    const api = await quietLocalApi('close');
    const client = new DynamoDBClient({ endpoint: api.dynamodb.endpoint, region: LOCAL_AWS_REGION, credentials: LOCAL_AWS_CREDENTIALS, maxAttempts: 1 });
    try {
      await api.close();

      await expect(client.send(new ListTablesCommand({}))).rejects.toThrow(/ECONNREFUSED/);
      await expect(fetch(`${api.ses.endpoint}/health-check`)).rejects.toThrow();
      expect([api.dynamodb.running, api.ses.running]).toEqual([false, false]);
    } finally {
      client.destroy();
    }
  }, START_TIMEOUT_MS);
});
