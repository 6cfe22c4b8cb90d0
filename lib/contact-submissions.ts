/**
 * The shape of the contact-submissions table, as plain data: the stack
 * creates the table from it and the local run creates the very same table
 * in its DynamoDB stand-in.
 */
export const CONTACT_SUBMISSIONS_TABLE = {
  /** One item per submission, keyed by the submission id (string). */
  partitionKey: 'submissionId',
  /** Epoch seconds after which DynamoDB deletes the item (retention of personal data). */
  timeToLiveAttribute: 'expiresAt',
  /**
   * A sparse index of the submissions whose email is due: only items that
   * carry `outbox` (always the value `due`) are in it, sorted by when their
   * next attempt is due (epoch milliseconds). Sending, or giving up, removes
   * the item from the index.
   */
  outboxIndex: { indexName: 'outbox', partitionKey: 'outbox', sortKey: 'nextAttemptAt' },
} as const;
