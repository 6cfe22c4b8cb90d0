import type { JsonValue } from './content-set';
import { validationError } from './errors';

export function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** qs gives arrays past its `arrayLimit` (and `a[5]=x` gaps) as objects with numeric keys: both are lists. */
export function asList(value: unknown): readonly unknown[] {
  if (Array.isArray(value)) return value;
  if (isPlainObject(value)) return Object.values(value);
  return [value];
}

/** lodash `toNumber` on query strings, as Strapi applies it: blank is 0, anything else not numeric is NaN. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return Number.NaN;
  return value.trim() === '' ? 0 : Number(value);
}

/** Strapi's boolean parsing of query values (`true`/`t`/`1`, `false`/`f`/`0`). */
export function parseBoolean(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 't' || value === '1') return true;
  if (value === 'false' || value === 'f' || value === '0') return false;
  throw validationError(`Invalid boolean input. Expected "t","1","true","false","0","f", received: ${String(value)}`);
}

/**
 * Orders two stored values as Strapi's default SQLite database does:
 * null first, numbers by value, text by code unit (binary collation).
 */
export function compareValues(a: JsonValue | undefined, b: JsonValue | undefined): number {
  const left = a ?? null;
  const right = b ?? null;
  if (left === right) return 0;
  if (left === null) return -1;
  if (right === null) return 1;
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  if (typeof left === 'boolean' && typeof right === 'boolean') return Number(left) - Number(right);
  const leftText = typeof left === 'string' ? left : JSON.stringify(left);
  const rightText = typeof right === 'string' ? right : JSON.stringify(right);
  return leftText < rightText ? -1 : leftText > rightText ? 1 : 0;
}
