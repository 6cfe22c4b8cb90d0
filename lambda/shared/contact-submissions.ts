import { CONTACT_SUBMISSIONS_TABLE } from '../../lib/contact-submissions';
import type { Submission } from '../contact/submission';

/** Where a submission's email stands. */
export type DeliveryState =
  /** Due, or waiting for a retry. */
  | 'pending'
  /** Claimed by a mailer run that is sending it now. */
  | 'sending'
  | 'sent'
  /** Every attempt failed. */
  | 'failed'
  /** A run claimed it and never said how the send went: it may have gone out, so it is not sent again. */
  | 'unconfirmed';

/** The marker of items in the outbox index. */
export const OUTBOX_DUE = 'due';

/** A stored submission: what was submitted, when, and where its email stands. */
export interface SubmissionItem extends Submission {
  readonly submissionId: string;
  /** ISO 8601. */
  readonly receivedAt: string;
  /** Epoch seconds: DynamoDB deletes the item after this (the table's TTL attribute). */
  readonly expiresAt: number;
  readonly deliveryState: DeliveryState;
  /** Attempts made so far. */
  readonly attempts: number;
  /** Present while the email is due: puts the item in the outbox index. */
  readonly outbox?: typeof OUTBOX_DUE;
  /** Epoch milliseconds when the next attempt is due (or a claim expires). */
  readonly nextAttemptAt?: number;
  /** Epoch milliseconds. */
  readonly sentAt?: number;
  /** Why the last attempt failed: an error name, never submitted data. */
  readonly lastError?: string;
}

/** The attribute names the table's key, TTL and index are declared with. */
export const ATTRIBUTES = {
  key: CONTACT_SUBMISSIONS_TABLE.partitionKey,
  timeToLive: CONTACT_SUBMISSIONS_TABLE.timeToLiveAttribute,
  outbox: CONTACT_SUBMISSIONS_TABLE.outboxIndex.partitionKey,
  nextAttemptAt: CONTACT_SUBMISSIONS_TABLE.outboxIndex.sortKey,
} as const satisfies Record<string, keyof SubmissionItem>;
