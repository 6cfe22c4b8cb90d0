import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { defineJobs } from '../../lib/jobs';
import { defineRoutes } from '../../lib/routes';
import { BundleError, EmulatorError, JobInvocationError, startEmulator, type Emulator } from '../../local/emulator';
import { FIXTURE_JOBS } from './fixtures/jobs';
import { FIXTURE_CONFIG } from './fixtures/routes';
import { START_TIMEOUT_MS, startFixtureEmulator } from './helpers';

interface JobRun {
  readonly event: Record<string, unknown>;
  readonly context: { readonly functionName: string; readonly invokedFunctionArn: string; readonly logGroupName: string };
  readonly env: Record<string, string>;
  readonly containerId: string;
  readonly runs: number;
}

const BUILD_ROOT = join(__dirname, '..', '..', '.build', 'emulator-test');
const ONE_ROUTE = defineRoutes([{ id: 'Counter', description: 'counts', methods: ['GET'], path: '/counter', entry: 'test/emulator/fixtures/counter.ts' }]);
const jobs = (...ids: string[]) => FIXTURE_JOBS.filter((job) => ids.includes(job.id));
const countOf = (lines: readonly string[], prefix: string) => lines.filter((line) => line.startsWith(prefix)).length;

/** Polls until `done()` holds, failing after `timeoutMs`. */
async function waitFor(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`not done within ${timeoutMs} ms`);
    await sleep(20);
  }
}

describe('jobs run on request', () => {
  const FUNCTION_TIMEOUT_MS = 1000;
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await startFixtureEmulator('jobs', {
      jobs: FIXTURE_JOBS,
      functionTimeoutMs: FUNCTION_TIMEOUT_MS,
      environment: { SHARED: 'everyone' },
      functionEnvironment: (definition): Record<string, string> => (definition.id === 'Tick' ? { TICK_ONLY: 'yes' } : {}),
    });
  }, START_TIMEOUT_MS);

  afterAll(() => emulator.close());

  it('invokes a job with the event an EventBridge schedule sends, and resolves with its result', async () => {
    const before = Date.now();

    const { event } = (await emulator.runJob('Tick')) as JobRun;

    expect(event).toEqual({
      version: '0',
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '123456789012',
      time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      region: 'eu-west-1',
      resources: ['arn:aws:events:eu-west-1:123456789012:rule/marchcroft-api-test-Tick'],
      detail: {},
    });
    expect(Date.parse(event.time as string)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(Date.parse(event.time as string)).toBeLessThanOrEqual(Date.now());
  });

  it('gives each run a new event id', async () => {
    const first = (await emulator.runJob('Tick')) as JobRun;
    const second = (await emulator.runJob('Tick')) as JobRun;

    expect(second.event.id).not.toBe(first.event.id);
  });

  it('gives a job the environment the stack gives it, the Lambda variables and its own overrides', async () => {
    const { env, context } = (await emulator.runJob('Tick')) as JobRun;

    expect(env).toMatchObject({
      MAIL_FROM: FIXTURE_CONFIG.contact.senderAddress,
      MAIL_TO: FIXTURE_CONFIG.contact.recipients.join(','),
      FIXTURE_JOB_STAGE: 'test',
      STAGE: 'test',
      AWS_LAMBDA_FUNCTION_NAME: 'marchcroft-api-test-Tick',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/marchcroft-api-test-Tick',
      SHARED: 'everyone',
      TICK_ONLY: 'yes',
    });
    expect(env.CMS_URL).toBeUndefined();
    expect(context).toMatchObject({
      functionName: 'marchcroft-api-test-Tick',
      invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:marchcroft-api-test-Tick',
    });
  });

  it('gives one job\u2019s own variables to no other job', async () => {
    const { env } = (await emulator.runJob('SlowJob')) as JobRun;

    expect([env.SHARED, env.TICK_ONLY, env.MAIL_FROM]).toEqual(['everyone', undefined, undefined]);
  });

  it('keeps a job\u2019s container warm between runs, as a route\u2019s', async () => {
    await emulator.resetContainers();

    const first = (await emulator.runJob('Tick')) as JobRun;
    const second = (await emulator.runJob('Tick')) as JobRun;

    expect([first.runs, second.runs]).toEqual([1, 2]);
    expect(second.containerId).toBe(first.containerId);
  });

  it('keeps a job\u2019s lines under its id, with Lambda\u2019s START, END and REPORT lines', async () => {
    const before = emulator.logs('Tick').length;

    await emulator.runJob('Tick');
    const lines = emulator.logs('Tick').slice(before);

    expect(lines[0]).toMatch(/^START RequestId: \S+ Version: \$LATEST$/);
    expect(lines).toContainEqual(expect.stringMatching(/\tINFO\tjob run \d+$/));
    expect(lines.at(-2)).toMatch(/^END RequestId: /);
    expect(lines.at(-1)).toMatch(/^REPORT RequestId: \S+\tDuration: /);
    expect(emulator.logs('Counter').join('\n')).not.toContain('job run');
  });

  it('rejects with a JobInvocationError naming the job when the handler throws', async () => {
    const run = emulator.runJob('FailingJob');

    await expect(run).rejects.toThrow(JobInvocationError);
    await expect(run).rejects.toThrow(/^Job "FailingJob" failed \(RequestId: [0-9a-f-]{36}\): Error: the job failed$/);
    await expect(run).rejects.toMatchObject({ jobId: 'FailingJob', cause: { errorType: 'Error', errorMessage: 'the job failed' } });
    expect(emulator.logs('FailingJob')).toContainEqual(expect.stringContaining('Invoke Error'));
  });

  it('rejects a run past the function timeout', async () => {
    const run = emulator.runJob('HangingJob');

    await expect(run).rejects.toThrow(`Job "HangingJob" failed`);
    await expect(run).rejects.toThrow('Task timed out after 1.00 seconds');
  }, 10_000);

  it('rejects a job it does not know, naming the jobs there are', async () => {
    await expect(emulator.runJob('Nope')).rejects.toThrow(EmulatorError);
    await expect(emulator.runJob('Nope')).rejects.toThrow('No job "Nope"; jobs are Tick, SlowJob, HangingJob, FailingJob.');
  });

  it('does not run a route as a job', async () => {
    await expect(emulator.runJob('Counter')).rejects.toThrow('No job "Counter"');
  });

  it('runs no job by itself without jobIntervalMs', async () => {
    const before = countOf(emulator.logs('SlowJob'), 'START ');

    await sleep(300);

    expect(countOf(emulator.logs('SlowJob'), 'START ')).toBe(before);
  });
});

describe('jobs on a timer (jobIntervalMs)', () => {
  const INTERVAL_MS = 40;
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await startEmulator({
      routes: ONE_ROUTE,
      jobs: jobs('SlowJob', 'FailingJob'),
      jobIntervalMs: INTERVAL_MS,
      config: FIXTURE_CONFIG,
      buildDir: join(BUILD_ROOT, 'jobs-timer'),
      onLog: () => undefined,
    });
  }, START_TIMEOUT_MS);

  afterAll(() => emulator.close());

  it('invokes each job every jobIntervalMs, in one container, never overlapping itself', async () => {
    await waitFor(() => countOf(emulator.logs('SlowJob'), 'REPORT ') >= 3, 10_000);

    // One log for every run of the job: each START is followed by its END before the next START.
    const platform = emulator.logs('SlowJob').filter((line) => /^(START|END) /.test(line)).map((line) => line.split(' ')[0]);
    const reports = emulator.logs('SlowJob').filter((line) => line.startsWith('REPORT '));
    expect(platform.filter((kind, index) => kind !== (index % 2 === 0 ? 'START' : 'END'))).toEqual([]);
    expect(reports.filter((line) => line.includes('Init Duration')).length).toBe(1);
  }, 15_000);

  it('notes a failed scheduled run in the job\u2019s log and runs it again on the next tick', async () => {
    await waitFor(() => countOf(emulator.logs('FailingJob'), 'Scheduled run of FailingJob failed') >= 2, 10_000);

    expect(emulator.logs('FailingJob')).toContainEqual(
      expect.stringMatching(/^Scheduled run of FailingJob failed: Job "FailingJob" failed \(RequestId: \S+\): Error: the job failed$/),
    );
  }, 15_000);

  it('stops every timer on close()', async () => {
    await emulator.close();
    const starts = countOf(emulator.logs('SlowJob'), 'START ');

    await sleep(INTERVAL_MS * 8);

    expect(countOf(emulator.logs('SlowJob'), 'START ')).toBe(starts);
    await expect(emulator.runJob('SlowJob')).rejects.toThrow('Cannot run job "SlowJob": the emulator is closed.');
  });
});

describe('starting with jobs', () => {
  it('rejects with a BundleError naming the job whose entry does not build', async () => {
    const broken = defineJobs([{ id: 'Missing', description: 'missing', entry: 'test/emulator/fixtures/does-not-exist.ts', everyMinutes: () => 1 }]);

    const starting = startEmulator({ routes: ONE_ROUTE, jobs: broken, config: FIXTURE_CONFIG, buildDir: join(BUILD_ROOT, 'jobs-broken') });

    await expect(starting).rejects.toThrow(BundleError);
    await expect(starting).rejects.toMatchObject({ routeId: 'Missing', kind: 'Job' });
    await expect(starting).rejects.toThrow(/^Job "Missing": cannot bundle test\/emulator\/fixtures\/does-not-exist\.ts/);
  }, START_TIMEOUT_MS);

  it('refuses a job whose id is also a route\u2019s', async () => {
    const clash = defineJobs([{ ...jobs('Tick')[0]!, id: 'Counter' }]);

    const starting = startEmulator({ routes: ONE_ROUTE, jobs: clash, config: FIXTURE_CONFIG, buildDir: join(BUILD_ROOT, 'jobs-clash') });

    await expect(starting).rejects.toThrow('Job id "Counter" is also a route id; routes and jobs need distinct ids.');
  });

  it.each([0, -5, Number.NaN])('refuses a jobIntervalMs of %p', async (jobIntervalMs) => {
    const starting = startEmulator({ routes: ONE_ROUTE, jobs: jobs('Tick'), jobIntervalMs, config: FIXTURE_CONFIG, buildDir: join(BUILD_ROOT, 'jobs-interval') });

    await expect(starting).rejects.toThrow(/^jobIntervalMs must be a positive number of milliseconds/);
  });
});
