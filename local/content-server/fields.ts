import type { Schema } from './content-set';
import { isNonScalar } from './content-index';
import { validationError } from './errors';

/**
 * Reads Strapi's `fields` (`fields=title,slug`, `fields[0]=title`): the
 * scalar fields to answer, `id` always among them. `undefined` (absent or
 * `*`) answers every scalar field.
 */
export function parseFields(schema: Schema, raw: unknown): readonly string[] | undefined {
  if (raw === undefined || raw === null || raw === '*') return undefined;
  const items = typeof raw === 'string' ? [raw] : Array.isArray(raw) && raw.every((item) => typeof item === 'string') ? raw : undefined;
  if (!items) throw validationError('Invalid fields parameter. Expected a string or an array of strings');
  const fields = items.flatMap((item: string) => item.split(',').map((field) => field.trim()));
  for (const field of fields) {
    const attribute = schema[field];
    if (!attribute || isNonScalar(attribute)) throw validationError(`Invalid key ${field}`);
  }
  return [...new Set(['id', ...fields])];
}
