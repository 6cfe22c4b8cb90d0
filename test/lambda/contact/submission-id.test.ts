import fc from 'fast-check';
import { decodeTime } from 'ulid';
import { submissionId } from '../../../lambda/contact/submission-id';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const HASHED = /^[0-9a-f]{32}$/;

describe('submissionId', () => {
  it('gives a retried client id the same submission id', () => {
    const clientId = '1714561234567-0.8244215331213512';
    expect(submissionId(clientId, 1)).toBe(submissionId(clientId, 2));
  });

  it('gives different client ids different submission ids', () => {
    expect(submissionId('1714561234567-0.1')).not.toBe(submissionId('1714561234567-0.2'));
  });

  it('makes 32 hex digits of any client id, so nothing a client sends reaches the key or the answer', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, unit: 'binary' }), (clientId) => {
        expect(submissionId(clientId)).toMatch(HASHED);
      }),
    );
    expect(submissionId('<script>alert(1)</script>')).not.toContain('script');
  });

  it.each([undefined, ''])('makes a new ULID at the given time when the client id is %j', (clientId) => {
    const now = Date.UTC(2026, 4, 1, 12, 0, 0);
    const id = submissionId(clientId, now);
    expect(id).toMatch(ULID);
    expect(decodeTime(id)).toBe(now);
    expect(submissionId(clientId, now)).not.toBe(id);
  });
});
