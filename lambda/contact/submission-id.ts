import { createHash } from 'node:crypto';
import { ulid } from 'ulid';

/**
 * The id a submission is stored and answered under.
 *
 * With a client id, it is derived from it, so a retried POST (the same id
 * again, or a double click) lands on the same key, where a conditional put
 * keeps one item and one email, and the answer repeats the same id. It is a
 * hash rather than the client id itself, so the key and the 202 answer are
 * always 32 lower-case hex digits, whatever a client sends: safe as a
 * DynamoDB key, in logs and in the response, and never client input echoed
 * back. 128 bits of SHA-256 make two different client ids sharing a key
 * practically impossible.
 *
 * Without one, it is a new ULID (26 upper-case Crockford base-32 characters,
 * so never equal to a hashed id), which sorts by the time it was made.
 */
export function submissionId(clientId: string | undefined, now: number = Date.now()): string {
  // An empty id identifies nothing: two such submissions are not one.
  if (!clientId) return ulid(now);
  return createHash('sha256').update(clientId, 'utf8').digest('hex').slice(0, 32);
}
