import type { Attribute, JsonValue, ScalarType, Schema } from './content-set';
import { isNonScalar, type ContentIndex, type FlatRecord } from './content-index';
import { validationError } from './errors';
import { asList, compareValues, isPlainObject, parseBoolean, toNumber } from './values';

export type Predicate = (record: FlatRecord) => boolean;
type ValueTest = (value: JsonValue) => boolean;

const LOGICAL_OPERATORS = ['$and', '$or', '$not'];
const VALUE_OPERATORS = ['$eq', '$eqi', '$ne', '$nei', '$in', '$notIn', '$lt', '$lte', '$gt', '$gte', '$between', '$null', '$notNull'];
const isOperator = (key: string): boolean => LOGICAL_OPERATORS.includes(key) || VALUE_OPERATORS.includes(key) || Object.hasOwn(TEXT_OPERATORS, key);

/**
 * Turns Strapi's `filters` parameter into a test of one record, failing up
 * front (as Strapi validates the query) on unknown fields and operators.
 */
export function compileFilters(index: ContentIndex, schema: Schema, filters: unknown): Predicate {
  if (filters === undefined || filters === null) return () => true;
  if (!isPlainObject(filters)) throw validationError('Invalid filters: expected an object');
  return compileWhere(index, schema, filters);
}

function compileWhere(index: ContentIndex, schema: Schema, where: unknown): Predicate {
  if (!isPlainObject(where)) throw validationError('Invalid filters: expected an object');
  const parts = Object.entries(where).map(([key, condition]) => compileKey(index, schema, key, condition));
  return (record) => parts.every((part) => part(record));
}

function compileKey(index: ContentIndex, schema: Schema, key: string, condition: unknown): Predicate {
  if (key === '$and' || key === '$or') {
    const parts = asList(condition).map((where) => compileWhere(index, schema, where));
    return key === '$and' ? (record) => parts.every((part) => part(record)) : (record) => parts.some((part) => part(record));
  }
  if (key === '$not') {
    const inner = compileWhere(index, schema, condition);
    return (record) => !inner(record);
  }
  const attribute = schema[key];
  if (!attribute) throw validationError(`Invalid key ${key}`);
  if (!isNonScalar(attribute)) {
    const test = compileCondition(attribute.type, condition);
    return (record) => test(record[key] ?? null);
  }
  return compileJoin(index, attribute, key, condition);
}

/**
 * A condition on media, a component or a relation holds when one of the
 * records it holds meets it, as Strapi's SQL join does; with none, the
 * join's row of nulls is tested (so `[$null]=true` holds). A bare value or
 * operator applies to the related `id`, as in Strapi (`filters[services]=3`).
 */
function compileJoin(index: ContentIndex, attribute: Attribute, key: string, condition: unknown): Predicate {
  const target = index.targetSchema(attribute);
  const appliesToId = !isPlainObject(condition) || isOperator(Object.keys(condition)[0] ?? '');
  const test = compileWhere(index, target, appliesToId ? { id: condition } : condition);
  return (record) => {
    const related = index.related(attribute, record[key]);
    return related.length === 0 ? test({}) : related.some(test);
  };
}

function compileCondition(type: ScalarType, condition: unknown): ValueTest {
  // A bare value is `$eq`; a list of them (a repeated filter) is "any of", which `$eq` does for arrays.
  if (!isPlainObject(condition)) return compileOperator(type, '$eq', condition);
  const tests = Object.entries(condition).map(([operator, operand]): ValueTest => {
    if (operator !== '$not') return compileOperator(type, operator, operand);
    const inner = compileCondition(type, operand);
    return (value) => !inner(value);
  });
  return (value) => tests.every((test) => test(value));
}

/** One operator on one stored value. Like SQL, a null value fails every comparison but `$null`. */
function compileOperator(type: ScalarType, operator: string, operand: unknown): ValueTest {
  const cast = (raw: unknown): JsonValue => castOperand(type, raw);
  const stored = (value: JsonValue): JsonValue => (type === 'json' && value !== null ? JSON.stringify(value) : value);
  const text = (value: JsonValue): string => String(stored(value));
  switch (operator) {
    case '$eq':
      if (operand === null) return (value) => value === null;
      if (Array.isArray(operand)) return compileOperator(type, '$in', operand);
      return equalTo(stored, cast(operand));
    case '$ne': {
      if (operand === null) return (value) => value !== null;
      const equal = equalTo(stored, cast(operand));
      return (value) => value !== null && !equal(value);
    }
    case '$eqi':
    case '$nei': {
      const wanted = String(cast(operand)).toLowerCase();
      return (value) => value !== null && (text(value).toLowerCase() === wanted) === (operator === '$eqi');
    }
    case '$in':
    case '$notIn': {
      const list = asList(operand).map(cast);
      return (value) => value !== null && list.includes(stored(value)) === (operator === '$in');
    }
    case '$lt':
    case '$lte':
    case '$gt':
    case '$gte': {
      const bound = cast(operand);
      const holds = { $lt: (c: number) => c < 0, $lte: (c: number) => c <= 0, $gt: (c: number) => c > 0, $gte: (c: number) => c >= 0 }[operator];
      return (value) => value !== null && holds(compareValues(stored(value), bound));
    }
    case '$between': {
      const [low, high] = asList(operand).map(cast);
      return (value) => value !== null && compareValues(stored(value), low) >= 0 && compareValues(stored(value), high) <= 0;
    }
    case '$null':
    case '$notNull': {
      const wantsNull = parseBoolean(operand) === (operator === '$null');
      return (value) => (value === null) === wantsNull;
    }
    default:
      if (!Object.hasOwn(TEXT_OPERATORS, operator)) throw validationError(`Invalid key ${operator}`);
      return compileTextOperator(operator, String(cast(operand)), text);
  }
}

/** Text operators, given the haystack and the needle (and both lower-cased for the `i` variants). */
const TEXT_OPERATORS: Readonly<Record<string, (haystack: string, needle: string) => boolean>> = {
  $contains: (haystack, needle) => haystack.includes(needle),
  $notContains: (haystack, needle) => !haystack.includes(needle),
  $containsi: (haystack, needle) => haystack.includes(needle),
  $notContainsi: (haystack, needle) => !haystack.includes(needle),
  $startsWith: (haystack, needle) => haystack.startsWith(needle),
  $startsWithi: (haystack, needle) => haystack.startsWith(needle),
  $endsWith: (haystack, needle) => haystack.endsWith(needle),
  $endsWithi: (haystack, needle) => haystack.endsWith(needle),
};

function compileTextOperator(operator: string, needle: string, text: (value: JsonValue) => string): ValueTest {
  const test = TEXT_OPERATORS[operator];
  const fold = operator.endsWith('i') ? (value: string) => value.toLowerCase() : (value: string) => value;
  const foldedNeedle = fold(needle);
  return (value) => value !== null && test(fold(text(value)), foldedNeedle);
}

function equalTo(stored: (value: JsonValue) => JsonValue, wanted: JsonValue): ValueTest {
  return (value) => value !== null && stored(value) === wanted;
}

/** Query values are text; Strapi casts them to the attribute's type before comparing (`"true"` matches `true`). */
function castOperand(type: ScalarType, raw: unknown): JsonValue {
  if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') {
    throw validationError(`Invalid filter value: expected a single value, received ${JSON.stringify(raw)}`);
  }
  if (type === 'boolean') return parseBoolean(raw);
  if (type === 'integer' || type === 'decimal') {
    const number = toNumber(raw);
    if (Number.isNaN(number)) throw validationError(`Invalid number: ${String(raw)}`);
    return number;
  }
  return String(raw);
}
