import { DEFAULT_LOCALE, type ContentIndex, type IndexedType } from './content-index';
import { paginationError, validationError } from './errors';
import { parseFields } from './fields';
import { compileFilters, type Predicate } from './filters';
import { parsePopulate, type PopulateTree } from './populate';
import { parseSort, type SortKey } from './sort';
import { isPlainObject, toNumber } from './values';

export type ApiVersion = 4 | 5;

/** `api.rest` settings of a new Strapi project (`config/api.js`). */
export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

export type Pagination =
  | { readonly kind: 'page'; readonly page: number; readonly pageSize: number }
  | { readonly kind: 'offset'; readonly start: number; readonly limit: number };

/** A find request's query parameters, checked and ready to apply. */
export interface FindQuery {
  readonly filter: Predicate;
  readonly populate: PopulateTree;
  /** @default every scalar field */
  readonly fields?: readonly string[];
  readonly sort: readonly SortKey[];
  readonly pagination: Pagination;
  /** The locale answered; absent on types that are not localized. */
  readonly locale?: string;
  /** Drafts are answered too: v4 `publicationState=preview`, v5 `status=draft`. */
  readonly includeDrafts: boolean;
}

/** Reads a find request's parsed query string, throwing the 400 Strapi would answer for a bad parameter. */
export function parseFindQuery(index: ContentIndex, indexed: IndexedType, query: Readonly<Record<string, unknown>>, apiVersion: ApiVersion): FindQuery {
  const { schema, type } = indexed;
  return {
    filter: compileFilters(index, schema, query.filters),
    populate: parsePopulate(index, schema, query.populate),
    fields: parseFields(schema, query.fields),
    sort: parseSort(schema, query.sort),
    pagination: parsePagination(query.pagination),
    ...(type.localized ? { locale: parseLocale(query.locale) } : {}),
    includeDrafts: apiVersion === 4 ? parsePublicationState(query.publicationState) : parseStatus(query.status),
  };
}

/** Strapi's lenient reading: out-of-range numbers are clamped (page 0 is page 1), only non-integers fail. */
function parsePagination(raw: unknown): Pagination {
  const { page, pageSize, start, limit } = isPlainObject(raw) ? raw : {};
  const paged = page !== undefined || pageSize !== undefined;
  const offset = start !== undefined || limit !== undefined;
  if (paged && offset) throw paginationError('Invalid pagination attributes. You cannot use page and offset pagination in the same query');
  if (offset) {
    const startValue = start === undefined ? 0 : Math.max(0, toNumber(start));
    const limitValue = limit === undefined ? DEFAULT_PAGE_SIZE : toNumber(limit);
    if (!Number.isInteger(startValue)) throw paginationError(`Invalid 'start' parameter. Expected an integer >= 0, received: ${String(start)}`);
    if (!Number.isInteger(limitValue) || limitValue < -1) throw paginationError(`Invalid 'limit' parameter. Expected an integer >= -1, received: ${String(limit)}`);
    // -1 asks for everything, which the max limit caps.
    return { kind: 'offset', start: startValue, limit: limitValue === -1 || limitValue > MAX_PAGE_SIZE ? MAX_PAGE_SIZE : limitValue };
  }
  const pageValue = Math.max(1, page === undefined || page === '' ? 1 : toNumber(page));
  const pageSizeValue = pageSize === undefined ? DEFAULT_PAGE_SIZE : Math.max(1, toNumber(pageSize));
  if (!Number.isInteger(pageValue)) throw paginationError(`Invalid 'page' parameter. Expected an integer > 0, received: ${String(page)}`);
  if (!Number.isInteger(pageSizeValue)) throw paginationError(`Invalid 'pageSize' parameter. Expected an integer > 0, received: ${String(pageSize)}`);
  return { kind: 'page', page: pageValue, pageSize: Math.min(pageSizeValue, MAX_PAGE_SIZE) };
}

function parseLocale(raw: unknown): string {
  if (raw === undefined || raw === null) return DEFAULT_LOCALE;
  if (typeof raw !== 'string') throw validationError('Invalid locale. Expected a string');
  return raw;
}

function parsePublicationState(raw: unknown): boolean {
  if (raw === undefined || raw === 'live') return false;
  if (raw === 'preview') return true;
  throw validationError(`Invalid publicationState. Expected one of 'preview','live' received: ${String(raw)}`);
}

function parseStatus(raw: unknown): boolean {
  if (raw === undefined || raw === 'published') return false;
  if (raw === 'draft') return true;
  throw validationError(`Invalid status. Expected one of 'draft','published' received: ${String(raw)}`);
}
