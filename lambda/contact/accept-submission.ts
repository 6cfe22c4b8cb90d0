import { OUTBOX_DUE, type SubmissionItem } from '../shared/contact-submissions';
import { readJsonBody, type RawRequestBody } from './request-body';
import { parseSubmission, rejectionReason, type RejectionReason } from './submission';
import { submissionId } from './submission-id';
import { StoreUnavailableError, type SubmissionStore } from './submission-store';

export interface AcceptSettings {
  /** Days a submission is kept (its TTL). */
  readonly retentionDays: number;
  readonly now: () => number;
}

/** What became of a POSTed submission, for the answer, the logs and the metrics. */
export type ContactOutcome =
  /** Stored (or already stored by a retry of the same POST): its email is due. */
  | { readonly kind: 'accepted'; readonly submissionId: string; readonly duplicate: boolean }
  /** The honeypot was filled: nothing stored, nothing sent, but answered like a success. */
  | { readonly kind: 'spam'; readonly submissionId: string }
  | {
      readonly kind: 'rejected';
      readonly status: 400 | 413 | 415;
      readonly reason: RejectionReason;
      readonly message: string;
      readonly fields?: Record<string, string[]>;
    }
  /** Valid, but the store did not take it. */
  | { readonly kind: 'store-unavailable'; readonly submissionId: string; readonly error: StoreUnavailableError };

const REJECTION_STATUS = { 'unsupported-media-type': 415, 'too-large': 413, malformed: 400 } as const;

/**
 * Reads, checks and stores one contact-form submission. The email is not
 * sent here: the stored item is due in the outbox, and the mailer sends it.
 */
export async function acceptSubmission(request: RawRequestBody, store: SubmissionStore, settings: AcceptSettings): Promise<ContactOutcome> {
  const body = readJsonBody(request);
  if (body.kind !== 'json') {
    return { kind: 'rejected', status: REJECTION_STATUS[body.kind], reason: rejectionReason(body), message: body.message };
  }
  const parsed = parseSubmission(body.value);
  const now = settings.now();
  if (!parsed.success) {
    return { kind: 'rejected', status: 400, reason: rejectionReason(parsed), message: 'Invalid request', fields: parsed.fields };
  }
  // The same id a real submission would get, so a bot cannot tell it was spotted.
  if (parsed.spam) return { kind: 'spam', submissionId: submissionId(clientIdOf(body.value), now) };

  const id = submissionId(parsed.submission.clientId, now);
  const item: SubmissionItem = {
    ...parsed.submission,
    submissionId: id,
    receivedAt: new Date(now).toISOString(),
    expiresAt: Math.floor(now / 1000) + settings.retentionDays * 86_400,
    deliveryState: 'pending',
    attempts: 0,
    outbox: OUTBOX_DUE,
    nextAttemptAt: now,
  };
  try {
    const stored = await store.add(item);
    return { kind: 'accepted', submissionId: id, duplicate: stored === 'duplicate' };
  } catch (error) {
    if (!(error instanceof StoreUnavailableError)) throw error;
    return { kind: 'store-unavailable', submissionId: id, error };
  }
}

function clientIdOf(body: Record<string, unknown>): string | undefined {
  return typeof body.id === 'string' ? body.id.trim() || undefined : undefined;
}
