import { createHash } from 'node:crypto';

/** A strong entity tag of a body: its SHA-256, so equal bodies have equal tags in every container. */
export function strongEtag(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url')}"`;
}

/**
 * Whether an `If-None-Match` header matches the tag: `*`, or any tag in its
 * list compared weakly (`W/"x"` matches `"x"`), as RFC 9110 has it for this header.
 */
export function ifNoneMatchMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return (header.match(/(?:W\/)?"[^"]*"/g) ?? []).some((tag) => tag.replace(/^W\//, '') === opaque);
}
