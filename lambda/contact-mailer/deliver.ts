import type { SubmissionItem } from '../shared/contact-submissions';
import { salesEmail, type SalesEmail } from '../contact/email';
import type { Outbox } from './outbox';

export interface DeliverySettings {
  readonly maxAttempts: number;
  /** Wait before the first retry; each later one waits twice as long. */
  readonly retryDelayMs: number;
  /** How long a claim holds: longer than one run can take, so a live run is never taken for a dead one. */
  readonly claimMs: number;
  /** At most this many submissions a run. */
  readonly batchSize: number;
  readonly now: () => number;
  /** Whether there is time left in this run for another send. */
  readonly hasTimeFor: () => boolean;
}

/** What a run did to each submission it touched, by submission id. */
export interface DeliveryReport {
  readonly sent: string[];
  readonly retrying: string[];
  readonly failed: string[];
  readonly unconfirmed: string[];
}

/**
 * Sends one email. Throws {@link NotSentError} when the email certainly did
 * not go out (the mail service refused it, or was never reached); any other
 * error leaves it unknown whether it went out.
 */
export type SendEmail = (email: SalesEmail) => Promise<void>;

/** The email certainly did not go out, so sending it again cannot make a duplicate. */
export class NotSentError extends Error {
  override readonly name = 'NotSentError';

  constructor(
    /** Why, as an error name or code: never submitted data. */
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`The email was not sent: ${reason}`, options);
  }
}

/**
 * One run of the mailer: claims each due submission, emails it, and records
 * the outcome. A send that certainly failed is retried on a later run with a
 * growing delay, until the last attempt marks it failed. A send whose outcome
 * is unknown (a timeout, a dropped connection), like a claim that lapsed
 * because a run died mid-send, may have gone out: it is marked unconfirmed
 * rather than risk sending it twice.
 */
export async function deliverDueSubmissions(outbox: Outbox, send: SendEmail, settings: DeliverySettings): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: [], retrying: [], failed: [], unconfirmed: [] };
  for (const item of await outbox.due(settings.now(), settings.batchSize)) {
    if (!settings.hasTimeFor()) break;
    if (item.deliveryState === 'sending') {
      await outbox.giveUp(item, 'unconfirmed', 'A mailer run claimed it and never recorded the outcome');
      report.unconfirmed.push(item.submissionId);
      continue;
    }
    if (!(await outbox.claim(item, settings.now() + settings.claimMs))) continue;
    const claimed: SubmissionItem = { ...item, deliveryState: 'sending', attempts: item.attempts + 1 };
    try {
      await send(salesEmail(claimed, { submissionId: claimed.submissionId, receivedAt: new Date(claimed.receivedAt) }));
    } catch (error) {
      if (!(error instanceof NotSentError)) {
        await outbox.giveUp(claimed, 'unconfirmed', (error as Error).name || 'Error');
        report.unconfirmed.push(claimed.submissionId);
        continue;
      }
      const { reason } = error;
      if (claimed.attempts >= settings.maxAttempts) {
        await outbox.giveUp(claimed, 'failed', reason);
        report.failed.push(claimed.submissionId);
      } else {
        await outbox.scheduleRetry(claimed, settings.now() + settings.retryDelayMs * 2 ** (claimed.attempts - 1), reason);
        report.retrying.push(claimed.submissionId);
      }
      continue;
    }
    await outbox.markSent(claimed, settings.now());
    report.sent.push(claimed.submissionId);
  }
  return report;
}
