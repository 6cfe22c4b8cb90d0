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

/** Sends one email; throws when it was not sent. */
export type SendEmail = (email: SalesEmail) => Promise<void>;

/**
 * One run of the mailer: claims each due submission, emails it, and records
 * the outcome. A failed send is retried on a later run with a growing delay,
 * until the last attempt marks it failed. A claim that lapsed means a run
 * died mid-send: the email may have gone, so it is marked unconfirmed rather
 * than sent twice.
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
      const reason = (error as Error).name || 'Error';
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
