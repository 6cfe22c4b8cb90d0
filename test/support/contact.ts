import type { Submission } from '../../lambda/contact/submission';
import type { SubmissionItem } from '../../lambda/shared/contact-submissions';

/** The body the live site's contact form posts (see the README's "The contact form"), for every contact test. */
export const SITE_REQUEST = {
  id: '1714561234567-0.8244215331213512',
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  companyName: 'Analytical Engines Ltd',
  phoneNumber: '+447911123456',
  interest: 'Cloud',
} as const;

/** What the server reads from {@link SITE_REQUEST}. */
export const SITE_SUBMISSION: Submission = {
  clientId: SITE_REQUEST.id,
  name: SITE_REQUEST.name,
  email: SITE_REQUEST.email,
  companyName: SITE_REQUEST.companyName,
  phoneNumber: SITE_REQUEST.phoneNumber,
  interest: SITE_REQUEST.interest,
};

/** A stored submission, due in the outbox unless the overrides say otherwise. */
export function submissionItem(submissionId: string, overrides: Partial<SubmissionItem> = {}): SubmissionItem {
  return {
    ...SITE_SUBMISSION,
    submissionId,
    receivedAt: '2026-12-03T10:00:00.000Z',
    expiresAt: 1_900_000_000,
    deliveryState: 'pending',
    attempts: 0,
    outbox: 'due',
    nextAttemptAt: 0,
    ...overrides,
  };
}
