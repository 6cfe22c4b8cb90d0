import type { Schema } from './content-set';
import { isNonScalar, type FlatRecord } from './content-index';
import { validationError } from './errors';
import { compareValues, isPlainObject } from './values';

export interface SortKey {
  readonly field: string;
  readonly order: 'asc' | 'desc';
}

/**
 * Reads Strapi's `sort`: `title`, `date:desc`, `title,date:desc`,
 * `sort[0]=date:desc`, or `sort[date]=desc`. Only scalar fields sort here
 * (Strapi also sorts on a relation's fields, `sort=author.name`; this server refuses it).
 */
export function parseSort(schema: Schema, raw: unknown): readonly SortKey[] {
  if (raw === undefined || raw === null) return [];
  if (typeof raw === 'string') return raw.split(',').map((item) => sortKey(schema, ...splitOnce(item)));
  if (Array.isArray(raw)) return raw.flatMap((item) => parseSort(schema, item));
  if (isPlainObject(raw)) {
    return Object.entries(raw).map(([field, order]) => {
      if (typeof order !== 'string') throw validationError(`Invalid key ${field}: this server sorts on scalar fields only`);
      return sortKey(schema, field, order);
    });
  }
  throw validationError('Invalid sort parameter. Expected a string, an array of strings or an object');
}

function splitOnce(item: string): [string, string] {
  const [field = '', order = 'asc'] = item.split(':');
  return [field, order];
}

function sortKey(schema: Schema, field: string, order: string): SortKey {
  if (field === '') throw validationError('Field cannot be empty');
  const attribute = schema[field];
  if (!attribute || isNonScalar(attribute)) throw validationError(`Invalid key ${field}`);
  const lower = order.toLowerCase();
  if (lower !== 'asc' && lower !== 'desc') throw validationError('Invalid order. order can only be one of asc|desc|ASC|DESC');
  return { field, order: lower };
}

/** A sorted copy; records that tie keep their stored order (by id, as the database returns them). */
export function sortRecords<Item extends FlatRecord>(records: readonly Item[], keys: readonly SortKey[]): Item[] {
  return [...records].sort((a, b) => {
    for (const { field, order } of keys) {
      const comparison = compareValues(a[field], b[field]);
      if (comparison !== 0) return order === 'asc' ? comparison : -comparison;
    }
    return 0;
  });
}
