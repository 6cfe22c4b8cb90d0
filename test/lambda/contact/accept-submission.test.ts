import { acceptSubmission } from '../../../lambda/contact/accept-submission';
import { StoreUnavailableError, type SubmissionStore } from '../../../lambda/contact/submission-store';
import type { SubmissionItem } from '../../../lambda/shared/contact-submissions';
import { SITE_REQUEST } from '../../support/contact';

const NOW = Date.UTC(2026, 11, 3, 10, 0, 0);
const SETTINGS = { retentionDays: 730, now: () => NOW };

/** A store in memory with the real one's contract: one item per id. */
class MemoryStore implements SubmissionStore {
  readonly items = new Map<string, SubmissionItem>();
  down = false;

  async add(item: SubmissionItem): Promise<'stored' | 'duplicate'> {
    if (this.down) throw new StoreUnavailableError('down');
    if (this.items.has(item.submissionId)) return 'duplicate';
    this.items.set(item.submissionId, item);
    return 'stored';
  }
}

const json = (value: unknown) => ({ body: JSON.stringify(value), isBase64Encoded: false, contentType: 'application/json' });

describe('acceptSubmission', () => {
  let store: MemoryStore;
  beforeEach(() => {
    store = new MemoryStore();
  });

  it('stores the site\u2019s request, due in the outbox now, expiring after the retention period', async () => {
    const outcome = await acceptSubmission(json(SITE_REQUEST), store, SETTINGS);
    expect(outcome).toEqual({ kind: 'accepted', submissionId: expect.stringMatching(/^[0-9a-f]{32}$/), duplicate: false });
    const [item] = [...store.items.values()];
    expect(item).toEqual({
      clientId: SITE_REQUEST.id,
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      companyName: 'Analytical Engines Ltd',
      phoneNumber: '+447911123456',
      interest: 'Cloud',
      submissionId: (outcome as { submissionId: string }).submissionId,
      receivedAt: '2026-12-03T10:00:00.000Z',
      expiresAt: NOW / 1000 + 730 * 86_400,
      deliveryState: 'pending',
      attempts: 0,
      outbox: 'due',
      nextAttemptAt: NOW,
    });
  });

  it('answers a retry of the same POST with the same id, storing one item', async () => {
    const first = await acceptSubmission(json(SITE_REQUEST), store, SETTINGS);
    const second = await acceptSubmission(json(SITE_REQUEST), store, SETTINGS);
    expect(second).toEqual({ ...first, duplicate: true });
    expect(store.items.size).toBe(1);
  });

  it('gives a submission without a client id an id of its own', async () => {
    const { id: _, ...withoutId } = SITE_REQUEST;
    const outcome = await acceptSubmission(json(withoutId), store, SETTINGS);
    expect(outcome).toMatchObject({ kind: 'accepted', submissionId: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/) });
  });

  it('stores nothing for a filled honeypot, and answers with the id a real submission would get', async () => {
    const real = await acceptSubmission(json(SITE_REQUEST), new MemoryStore(), SETTINGS);
    const outcome = await acceptSubmission(json({ ...SITE_REQUEST, website: 'https://spam.example' }), store, SETTINGS);
    expect(outcome).toEqual({ kind: 'spam', submissionId: (real as { submissionId: string }).submissionId });
    expect(store.items.size).toBe(0);
  });

  it.each([
    ['a content type that is not JSON', { body: 'name=x', isBase64Encoded: false, contentType: 'application/x-www-form-urlencoded' }, 415, 'unsupported-media-type'],
    ['a body over 16 KB', json({ ...SITE_REQUEST, message: 'x'.repeat(17_000) }), 413, 'too-large'],
    ['a body that is not JSON', { body: '{oops', isBase64Encoded: false, contentType: 'application/json' }, 400, 'malformed'],
    ['an empty body', { body: undefined, isBase64Encoded: false, contentType: 'application/json' }, 400, 'malformed'],
    ['a JSON array', json([SITE_REQUEST]), 400, 'malformed'],
  ])('refuses %s without storing anything', async (_, request, status, reason) => {
    expect(await acceptSubmission(request, store, SETTINGS)).toMatchObject({ kind: 'rejected', status, reason });
    expect(store.items.size).toBe(0);
  });

  it('names every bad field at once', async () => {
    const outcome = await acceptSubmission(json({ ...SITE_REQUEST, email: 'not-an-address', phoneNumber: '123', interest: 'Knitting' }), store, SETTINGS);
    expect(outcome).toMatchObject({ kind: 'rejected', status: 400, reason: 'invalid-fields', message: 'Invalid request' });
    expect(Object.keys((outcome as { fields: object }).fields).sort()).toEqual(['email', 'interest', 'phoneNumber']);
  });

  it('reports a store that cannot be reached, and never claims the submission was kept', async () => {
    store.down = true;
    expect(await acceptSubmission(json(SITE_REQUEST), store, SETTINGS)).toMatchObject({ kind: 'store-unavailable' });
  });
});
