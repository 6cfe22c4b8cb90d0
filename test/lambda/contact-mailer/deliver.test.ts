import { deliverDueSubmissions, NotSentError, type DeliverySettings, type SendEmail } from '../../../lambda/contact-mailer/deliver';
import type { Outbox } from '../../../lambda/contact-mailer/outbox';
import type { SalesEmail } from '../../../lambda/contact/email';
import type { SubmissionItem } from '../../../lambda/shared/contact-submissions';
import { submissionItem as submission } from '../../support/contact';

/** An outbox in memory with the real one's contract: every change applies only to the item as it was read. */
class MemoryOutbox implements Outbox {
  readonly items = new Map<string, SubmissionItem>();

  put(item: SubmissionItem): void {
    this.items.set(item.submissionId, item);
  }

  async due(now: number, limit: number): Promise<SubmissionItem[]> {
    return [...this.items.values()]
      .filter((item) => item.outbox === 'due' && (item.nextAttemptAt ?? Infinity) <= now)
      .sort((a, b) => a.nextAttemptAt! - b.nextAttemptAt!)
      .slice(0, limit);
  }

  private change(item: SubmissionItem, next: Partial<SubmissionItem> | ((current: SubmissionItem) => SubmissionItem)): boolean {
    const current = this.items.get(item.submissionId);
    if (!current || current.deliveryState !== item.deliveryState || current.attempts !== item.attempts) return false;
    this.items.set(item.submissionId, typeof next === 'function' ? next(current) : { ...current, ...next });
    return true;
  }

  async claim(item: SubmissionItem, until: number): Promise<boolean> {
    return this.change(item, { deliveryState: 'sending', attempts: item.attempts + 1, nextAttemptAt: until });
  }

  async markSent(item: SubmissionItem, now: number): Promise<void> {
    this.change(item, ({ outbox: _, nextAttemptAt: __, ...rest }) => ({ ...rest, deliveryState: 'sent', sentAt: now }));
  }

  async scheduleRetry(item: SubmissionItem, retryAt: number, error: string): Promise<void> {
    this.change(item, { deliveryState: 'pending', nextAttemptAt: retryAt, lastError: error });
  }

  async giveUp(item: SubmissionItem, state: 'failed' | 'unconfirmed', error: string): Promise<void> {
    this.change(item, ({ outbox: _, nextAttemptAt: __, ...rest }) => ({ ...rest, deliveryState: state, lastError: error }));
  }
}

describe('deliverDueSubmissions', () => {
  let now: number;
  let outbox: MemoryOutbox;
  let sent: SalesEmail[];
  let failing: boolean;
  let unknownOutcome: boolean;
  const send: SendEmail = async (email) => {
    if (failing) throw new NotSentError('ServiceUnavailable');
    if (unknownOutcome) throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
    sent.push(email);
  };
  const settings = (): DeliverySettings => ({ maxAttempts: 3, retryDelayMs: 60_000, claimMs: 300_000, batchSize: 10, now: () => now, hasTimeFor: () => true });

  beforeEach(() => {
    now = 1_000_000;
    outbox = new MemoryOutbox();
    sent = [];
    failing = false;
    unknownOutcome = false;
  });

  it('emails a due submission once and takes it out of the outbox', async () => {
    outbox.put(submission('a'));
    expect(await deliverDueSubmissions(outbox, send, settings())).toEqual({ sent: ['a'], retrying: [], failed: [], unconfirmed: [] });
    expect(await deliverDueSubmissions(outbox, send, settings())).toEqual({ sent: [], retrying: [], failed: [], unconfirmed: [] });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.subject).toContain('Engines');
    expect(outbox.items.get('a')).toMatchObject({ deliveryState: 'sent', attempts: 1, sentAt: now });
    expect(outbox.items.get('a')?.outbox).toBeUndefined();
  });

  it('retries a failed send later, with a doubling delay, then marks it failed', async () => {
    outbox.put(submission('a'));
    failing = true;
    expect((await deliverDueSubmissions(outbox, send, settings())).retrying).toEqual(['a']);
    expect(outbox.items.get('a')).toMatchObject({ deliveryState: 'pending', attempts: 1, nextAttemptAt: now + 60_000, lastError: 'ServiceUnavailable' });

    now += 59_999;
    expect((await deliverDueSubmissions(outbox, send, settings())).retrying).toEqual([]);
    now += 1;
    expect((await deliverDueSubmissions(outbox, send, settings())).retrying).toEqual(['a']);
    expect(outbox.items.get('a')).toMatchObject({ attempts: 2, nextAttemptAt: now + 120_000 });

    now += 120_000;
    expect((await deliverDueSubmissions(outbox, send, settings())).failed).toEqual(['a']);
    expect(outbox.items.get('a')).toMatchObject({ deliveryState: 'failed', attempts: 3 });
    expect(outbox.items.get('a')?.outbox).toBeUndefined();
  });

  it('delivers on a retry once the mail service is back, exactly once', async () => {
    outbox.put(submission('a'));
    failing = true;
    await deliverDueSubmissions(outbox, send, settings());
    failing = false;
    now += 60_000;
    expect((await deliverDueSubmissions(outbox, send, settings())).sent).toEqual(['a']);
    now += 600_000;
    await deliverDueSubmissions(outbox, send, settings());
    expect(sent).toHaveLength(1);
  });

  it('marks a send of unknown outcome unconfirmed, never sending it again', async () => {
    outbox.put(submission('a'));
    unknownOutcome = true;
    expect((await deliverDueSubmissions(outbox, send, settings())).unconfirmed).toEqual(['a']);
    unknownOutcome = false;
    now += 600_000;
    await deliverDueSubmissions(outbox, send, settings());
    expect(sent).toHaveLength(0);
    expect(outbox.items.get('a')).toMatchObject({ deliveryState: 'unconfirmed', lastError: 'TimeoutError' });
  });

  it('never sends a submission another run claimed first', async () => {
    outbox.put(submission('a'));
    const [item] = await outbox.due(now, 10);
    await outbox.claim(item!, now + 300_000);
    expect(await deliverDueSubmissions(outbox, send, settings())).toEqual({ sent: [], retrying: [], failed: [], unconfirmed: [] });
    expect(sent).toHaveLength(0);
  });

  it('marks a submission whose claim lapsed unconfirmed, never sending it again', async () => {
    outbox.put(submission('a', { deliveryState: 'sending', attempts: 1, nextAttemptAt: now - 1 }));
    expect((await deliverDueSubmissions(outbox, send, settings())).unconfirmed).toEqual(['a']);
    expect(sent).toHaveLength(0);
    expect(outbox.items.get('a')).toMatchObject({ deliveryState: 'unconfirmed' });
  });

  it('stops taking submissions when the run is out of time', async () => {
    outbox.put(submission('a'));
    outbox.put(submission('b'));
    let left = 1;
    const report = await deliverDueSubmissions(outbox, send, { ...settings(), hasTimeFor: () => left-- > 0 });
    expect(report.sent).toEqual(['a']);
    expect(outbox.items.get('b')).toMatchObject({ deliveryState: 'pending', attempts: 0 });
  });
});
