import type { Emulator } from '../../local/emulator';
import { FIXTURE_CONFIG } from './fixtures/routes';
import { START_TIMEOUT_MS, startFixtureEmulator } from './helpers';

interface Counted {
  readonly containerId: string;
  readonly invocations: number;
  readonly pid: number;
}

interface Echoed {
  readonly context: Record<string, unknown>;
  readonly env: Record<string, string>;
  readonly execArgv: string[];
}

const FUNCTION_TIMEOUT_MS = 1000;

describe('the Lambda runtime', () => {
  let emulator: Emulator;

  beforeAll(async () => {
    process.env.EMULATOR_TEST_PARENT_ONLY = 'must not leak';
    emulator = await startFixtureEmulator('lambda-runtime', {
      functionTimeoutMs: FUNCTION_TIMEOUT_MS,
      environment: { CMS_TOKEN: 'local-token', CMS_URL: 'http://127.0.0.1:1337' },
      functionEnvironment: (definition): Record<string, string> => (definition.id === 'Echo' ? { ECHO_ONLY: 'yes' } : {}),
    });
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    delete process.env.EMULATOR_TEST_PARENT_ONLY;
    await emulator.close();
  });

  const count = async (): Promise<Counted> => (await fetch(`${emulator.url}/counter`)).json() as Promise<Counted>;
  const echo = async (): Promise<Echoed> => (await fetch(`${emulator.url}/echo/1/items/2`)).json() as Promise<Echoed>;

  describe('containers', () => {
    beforeEach(() => emulator.resetContainers());

    it('keep module state between invocations while warm', async () => {
      const first = await count();
      const second = await count();

      expect(second.containerId).toBe(first.containerId);
      expect(second.invocations).toBe(first.invocations + 1);
    });

    it('start cold again after resetContainers()', async () => {
      const before = await count();

      await emulator.resetContainers();
      const after = await count();

      expect(after.containerId).not.toBe(before.containerId);
      expect(after.invocations).toBe(1);
    });

    it('serve one invocation at a time, so concurrent requests get containers of their own', async () => {
      const responses = await Promise.all([1, 2, 3].map(() => fetch(`${emulator.url}/sleep/200`)));
      const pids = await Promise.all(responses.map(async (response) => ((await response.json()) as { pid: number }).pid));

      expect(new Set(pids).size).toBe(3);
    });

    it('are reused once idle instead of started anew', async () => {
      const first = (await (await fetch(`${emulator.url}/sleep/0`)).json()) as { pid: number };
      const second = (await (await fetch(`${emulator.url}/sleep/0`)).json()) as { pid: number };

      expect(second.pid).toBe(first.pid);
    });

    it('each run in a process other than the emulator\u2019s', async () => {
      const { pid } = await count();

      expect(pid).not.toBe(process.pid);
    });

    it('log START, END and REPORT, with the init duration on a cold start only', async () => {
      await count();
      await count();

      const reports = emulator.logs('Counter').filter((line) => line.startsWith('REPORT RequestId: ')).slice(-2);
      expect(reports[0]).toMatch(/\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 256 MB\tMax Memory Used: \d+ MB\tInit Duration: [\d.]+ ms$/);
      expect(reports[1]).not.toContain('Init Duration');
    });
  });

  describe('the environment', () => {
    it('is the stack\u2019s function environment with the emulator\u2019s overrides on top', async () => {
      const { env } = await echo();

      expect(env).toMatchObject({
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'marchcroft-api',
        STAGE: 'test',
        CMS_SECRET_NAME: FIXTURE_CONFIG.cmsSecretName,
        CMS_URL: 'http://127.0.0.1:1337',
        CMS_TOKEN: 'local-token',
        FIXTURE_STAGE: 'test',
      });
    });

    it('gives a route its own variables and no other route those', async () => {
      const { env } = await echo();
      const root = (await (await fetch(`${emulator.url}/echo`)).json()) as Echoed;
      expect([env.ECHO_ONLY, root.env.ECHO_ONLY]).toEqual(['yes', undefined]);
    });

    it('has the variables the Lambda runtime sets', async () => {
      const { env } = await echo();

      expect(env).toMatchObject({
        AWS_REGION: 'eu-west-1',
        AWS_DEFAULT_REGION: 'eu-west-1',
        AWS_LAMBDA_FUNCTION_NAME: 'marchcroft-api-test-Echo',
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
        AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
        AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/marchcroft-api-test-Echo',
        AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
        TZ: ':UTC',
      });
      expect(env.AWS_LAMBDA_LOG_STREAM_NAME).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
      expect(env.LAMBDA_TASK_ROOT).toMatch(/[/\\]Echo$/);
      expect(env._X_AMZN_TRACE_ID).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$/);
    });

    it('inherits nothing from the emulator but PATH and HOME', async () => {
      const { env, execArgv } = await echo();

      expect(env).not.toHaveProperty('EMULATOR_TEST_PARENT_ONLY');
      expect(env.NODE_OPTIONS).not.toContain('--experimental-vm-modules');
      expect(execArgv).toEqual([]);
      expect(env.PATH).toBe(process.env.PATH);
    });
  });

  it('hands the handler a Lambda context', async () => {
    const { context } = await echo();

    expect(context).toEqual({
      awsRequestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      functionName: 'marchcroft-api-test-Echo',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:marchcroft-api-test-Echo',
      memoryLimitInMB: '256',
      logGroupName: '/aws/lambda/marchcroft-api-test-Echo',
      logStreamName: expect.stringContaining('[$LATEST]'),
      callbackWaitsForEmptyEventLoop: true,
      remainingTimeInMillis: expect.any(Number),
    });
    expect(context.remainingTimeInMillis).toBeGreaterThan(0);
    expect(context.remainingTimeInMillis).toBeLessThanOrEqual(FUNCTION_TIMEOUT_MS);
  });

  describe('logs', () => {
    it('hold console output in Lambda\u2019s line format and Powertools\u2019 JSON lines intact, once the response is out', async () => {
      const response = await fetch(`${emulator.url}/echo/1/items/2`);
      const { awsRequestId } = ((await response.json()) as Echoed).context;
      const lines = emulator.logs('Echo');

      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z\\t${awsRequestId}\\tINFO\\techo for `)));
      const json = lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(json).toContainEqual(expect.objectContaining({ level: 'INFO', message: 'echoed' }));
    });

    it('hold every line written before the result, however much, once the response is out', async () => {
      await fetch(`${emulator.url}/chatty`);

      const lines = emulator.logs('Chatty');
      expect(lines.filter((line) => line.includes('\tINFO\tline '))).toHaveLength(2000);
      expect(lines).toContainEqual(expect.stringMatching(/\tINFO\tlast line before return$/));
    });

    it('go to onLog as they arrive', async () => {
      const seen: string[] = [];
      const other = await startFixtureEmulator('lambda-runtime-onlog', { onLog: (routeId, line) => seen.push(`${routeId}: ${line}`) });
      try {
        await fetch(`${other.url}/throws`);
      } finally {
        await other.close();
      }

      expect(seen).toContainEqual(expect.stringMatching(/^Throws: .*\tINFO\tabout to fail$/));
    }, START_TIMEOUT_MS);

    it('refuse an unknown route id', () => {
      expect(() => emulator.logs('Nope')).toThrow('No function "Nope"');
    });
  });

  describe('failures', () => {
    it('answers 500 when the handler throws, and logs the error as Lambda does', async () => {
      const response = await fetch(`${emulator.url}/throws`);

      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ message: 'Internal Server Error' });
      expect(emulator.logs('Throws')).toContainEqual(expect.stringMatching(/\tERROR\tInvoke Error \t\{"errorType":"Error","errorMessage":"boom"/));
    });

    it('keeps the container warm after the handler threw', async () => {
      await fetch(`${emulator.url}/throws`);
      const coldStarts = emulator.logs('Throws').filter((line) => line.includes('Init Duration')).length;

      await fetch(`${emulator.url}/throws`);

      expect(emulator.logs('Throws').filter((line) => line.includes('Init Duration'))).toHaveLength(coldStarts);
    });

    it('answers 500 on a timeout, logs it, and starts the next invocation cold', async () => {
      // Arrange: no other warm Sleep container that the next invocation could take.
      await emulator.resetContainers();
      const started = Date.now();

      // Act

      const response = await fetch(`${emulator.url}/sleep/${FUNCTION_TIMEOUT_MS + 2000}`);
      const elapsed = Date.now() - started;
      const next = (await (await fetch(`${emulator.url}/sleep/0`)).json()) as { pid: number };

      // Assess
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ message: 'Internal Server Error' });
      expect(elapsed).toBeLessThan(FUNCTION_TIMEOUT_MS + 1500);
      expect(emulator.logs('Sleep')).toContainEqual(expect.stringMatching(/ Task timed out after 1\.00 seconds$/));
      expect(emulator.logs('Sleep')).toContainEqual(expect.stringMatching(/^REPORT .*\tStatus: timeout$/));
      expect(next.pid).toBeGreaterThan(0);
      expect(emulator.logs('Sleep').filter((line) => line.startsWith('REPORT')).at(-1)).toContain('Init Duration');
    });

    it('answers 500 when the container crashes, with the stack trace in the logs', async () => {
      const response = await fetch(`${emulator.url}/crash`);

      expect(response.status).toBe(500);
      expect(emulator.logs('Crash').join('\n')).toContain('crash in a callback');
      expect(emulator.logs('Crash')).toContainEqual(expect.stringContaining('Runtime exited with error: exit status 1'));
    });

    it.each([
      ['InitFailure', '/init-failure', 'FIXTURE_REQUIRED_SETTING is not set'],
      ['NoHandler', '/no-handler', 'Runtime.HandlerNotFound'],
    ])('answers 500 when %s fails its init phase, and logs why', async (routeId, path, reason) => {
      const response = await fetch(`${emulator.url}${path}`);

      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ message: 'Internal Server Error' });
      expect(emulator.logs(routeId).join('\n')).toContain(reason);
    });
  });
});

describe('the Lambda runtime under a burst', () => {
  // Its own emulator with a long function timeout: the ten invocations must still be running when the
  // eleventh arrives, however slowly ten cold containers start on a loaded machine.
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startFixtureEmulator('lambda-runtime-burst', { functionTimeoutMs: 30_000 });
  }, START_TIMEOUT_MS);
  afterAll(() => emulator.close());

  it('keeps at most 10 containers per function: an eleventh concurrent invocation is throttled with a 500', async () => {
    const responses = await Promise.all(Array.from({ length: 11 }, () => fetch(`${emulator.url}/sleep/4000`)));

    expect(responses.map((response) => response.status).sort()).toEqual([...Array<number>(10).fill(200), 500]);
    expect(emulator.logs('Sleep')).toContainEqual(expect.stringContaining('500: Rate Exceeded: all 10 containers are busy'));
  }, 20_000);
});
