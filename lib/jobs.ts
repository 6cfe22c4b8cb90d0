import type { StageConfig } from './config';
import { checkFunctionIds, type FunctionDefinition } from './functions';

/** A function that runs on a schedule rather than behind a route. */
export interface JobDefinition extends FunctionDefinition {
  /** Minutes between runs, from the stage configuration. */
  readonly everyMinutes: (config: StageConfig) => number;
}

/** Checks the table once, when it is built. */
export function defineJobs(jobs: readonly JobDefinition[]): readonly JobDefinition[] {
  checkFunctionIds(jobs, 'Job');
  return jobs;
}

/** The API's scheduled functions: the one place a job is described. */
export const JOBS = defineJobs([
  {
    id: 'ContactMailer',
    description: 'Emails each stored contact submission to sales, retrying failures, exactly once.',
    entry: 'lambda/contact-mailer/handler.ts',
    needs: ['contactOutbox', 'mail'],
    everyMinutes: (config) => config.contact.mailerIntervalMinutes,
  },
]);
