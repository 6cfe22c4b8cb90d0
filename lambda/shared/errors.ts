/**
 * Base of the API's own errors: each subclass names itself (as a literal,
 * since minified bundles rename classes) and keeps its cause.
 */
export abstract class MarchcroftError extends Error {
  abstract override readonly name: string;
}

/** Why a CMS call failed; low-cardinality, so it can be logged and counted. */
export type CmsFailureReason = 'timeout' | 'network' | 'status' | 'unreadable' | 'token';

/** The CMS could not answer the question: down, slow, refusing us, or saying something we cannot read. */
export class CmsError extends MarchcroftError {
  override readonly name = 'CmsError';
  readonly reason: CmsFailureReason;
  /** The CMS's HTTP status, when it answered with an error status. */
  readonly status?: number;
  /** The CMS path asked for, without its query or credentials. */
  readonly path: string;

  constructor(reason: CmsFailureReason, path: string, options?: ErrorOptions & { status?: number }) {
    super(`CMS request for ${path} failed: ${reason}${options?.status ? ` ${options.status}` : ''}`, options);
    this.reason = reason;
    this.path = path;
    this.status = options?.status;
  }
}

/** Type guard that also works across bundles, where `instanceof` may not. */
export function isCmsError(error: unknown): error is CmsError {
  return error instanceof Error && error.name === 'CmsError';
}
