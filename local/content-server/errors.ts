import { STATUS_CODES } from 'node:http';

/** Strapi's error envelope: `{ data: null, error: { status, name, message, details } }`. */
export interface ErrorBody {
  readonly data: null;
  readonly error: { readonly status: number; readonly name: string; readonly message: string; readonly details: Record<string, never> };
}

/** An error answered with Strapi's envelope; thrown while a request is handled. */
export class StrapiError extends Error {
  constructor(
    readonly status: number,
    readonly errorName: string,
    message: string,
  ) {
    super(message);
  }

  get body(): ErrorBody {
    return errorBody(this.status, this.errorName, this.message);
  }
}

export function errorBody(status: number, name: string, message: string): ErrorBody {
  return { data: null, error: { status, name, message, details: {} } };
}

/** Strapi answers a bad query parameter with 400 ValidationError ("Invalid key x" for unknown names). */
export function validationError(message: string): StrapiError {
  return new StrapiError(400, 'ValidationError', message);
}

/** Strapi names bad `pagination` values PaginationError (also 400), not ValidationError. */
export function paginationError(message: string): StrapiError {
  return new StrapiError(400, 'PaginationError', message);
}

export const notFound = (): StrapiError => new StrapiError(404, 'NotFoundError', 'Not Found');
export const forbidden = (): StrapiError => new StrapiError(403, 'ForbiddenError', 'Forbidden');
export const unauthorized = (): StrapiError => new StrapiError(401, 'UnauthorizedError', 'Missing or invalid credentials');
export const methodNotAllowed = (): StrapiError => new StrapiError(405, 'MethodNotAllowedError', 'Method Not Allowed');

/** The envelope Strapi (http-errors) gives a bare status: 503 → ServiceUnavailableError "Service Unavailable". */
export function envelopeForStatus(status: number): ErrorBody {
  const message = STATUS_CODES[status] ?? 'Unknown Error';
  const pascal = message.replace(/[^A-Za-z0-9 ]/g, '').replace(/(?:^|\s+)(\w)/g, (_, letter: string) => letter.toUpperCase());
  return errorBody(status, pascal.endsWith('Error') ? pascal : `${pascal}Error`, message);
}
