import { randomUUID } from 'node:crypto';
import type { ScheduledEvent } from 'aws-lambda';
import type { StageConfig } from '../../lib/config';
import type { JobDefinition } from '../../lib/jobs';
import type { ContainerPool } from './container-pool';
import { EmulatorError, InvocationError, JobInvocationError } from './errors';
import { traceHeader } from './ids';
import { ACCOUNT_ID, lambdaFunctionName } from './lambda-environment';

export interface JobSchedulerProps {
  readonly jobs: readonly JobDefinition[];
  /** One pool of containers per job id. */
  readonly pools: ReadonlyMap<string, ContainerPool>;
  readonly config: StageConfig;
  /** The region of the event and the rule's ARN. */
  readonly region: string;
  /** Where a failed scheduled run is noted, in the job's log. */
  readonly log: (jobId: string, line: string) => void;
}

export interface ScheduledEventProps {
  readonly job: JobDefinition;
  readonly config: StageConfig;
  readonly region: string;
  readonly accountId: string;
  readonly time: Date;
}

/**
 * The event an EventBridge schedule rule sends its target, e.g.
 * `{"version":"0","id":"…","detail-type":"Scheduled Event","source":"aws.events","account":"123456789012",
 * "time":"2026-03-12T19:03:00Z","region":"eu-west-1","resources":["arn:aws:events:…:rule/…"],"detail":{}}`.
 * The rule's name is the emulator's own (`marchcroft-api-<stage>-<JobId>`); CDK generates the real one.
 */
export function scheduledEvent(props: ScheduledEventProps): ScheduledEvent {
  const ruleName = lambdaFunctionName(props.job, props.config);
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: props.accountId,
    // EventBridge's times have whole seconds: 2026-03-12T19:03:00Z.
    time: props.time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: props.region,
    resources: [`arn:aws:events:${props.region}:${props.accountId}:rule/${ruleName}`],
    detail: {},
  };
}

/**
 * Runs jobs as their schedules would: once when asked (`run`), and every N ms once
 * started (`every`). A scheduled tick is skipped while a run of the same job is under
 * way, so a job never overlaps itself on the timer; its timers never keep the process alive.
 */
export class JobScheduler {
  private readonly inFlight = new Map<string, number>();
  private readonly timers: NodeJS.Timeout[] = [];
  private stopped = false;

  constructor(private readonly props: JobSchedulerProps) {}

  /** Invokes the job once with a scheduled event; resolves with the handler's result. */
  async run(jobId: string): Promise<unknown> {
    if (this.stopped) throw new EmulatorError(`Cannot run job "${jobId}": the emulator is closed.`);
    const job = this.props.jobs.find((candidate) => candidate.id === jobId);
    const pool = this.props.pools.get(jobId);
    if (!job || !pool) {
      const known = this.props.jobs.map(({ id }) => id);
      throw new EmulatorError(`No job "${jobId}"; ${known.length > 0 ? `jobs are ${known.join(', ')}` : 'the emulator has no jobs'}.`);
    }
    const now = new Date();
    const event = scheduledEvent({ job, config: this.props.config, region: this.props.region, accountId: ACCOUNT_ID, time: now });
    this.inFlight.set(jobId, (this.inFlight.get(jobId) ?? 0) + 1);
    try {
      // EventBridge starts no trace of its own; Lambda gives the invocation a new root.
      const payload = await pool.invoke({ eventJson: JSON.stringify(event), traceHeader: traceHeader(now) });
      return JSON.parse(payload) as unknown;
    } catch (error) {
      if (error instanceof InvocationError) throw new JobInvocationError(jobId, error.requestId, error);
      throw error;
    } finally {
      this.inFlight.set(jobId, (this.inFlight.get(jobId) ?? 1) - 1);
    }
  }

  /** Invokes every job every `intervalMs`, skipping a tick while that job is still running. */
  every(intervalMs: number): void {
    for (const job of this.props.jobs) {
      const timer = setInterval(() => {
        if (this.stopped || (this.inFlight.get(job.id) ?? 0) > 0) return;
        this.run(job.id).catch((error: unknown) => {
          if (this.stopped) return;
          this.props.log(job.id, `Scheduled run of ${job.id} failed: ${error instanceof Error ? error.message : String(error)}`);
        });
      }, intervalMs);
      timer.unref();
      this.timers.push(timer);
    }
  }

  /** Clears every timer; later runs are refused. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.splice(0)) clearInterval(timer);
  }
}
