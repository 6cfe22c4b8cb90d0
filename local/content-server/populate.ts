import type { Schema } from './content-set';
import { isNonScalar, type ContentIndex } from './content-index';
import { validationError } from './errors';
import { parseFields } from './fields';
import { compileFilters, type Predicate } from './filters';
import { parseSort, type SortKey } from './sort';
import { asList, isPlainObject, parseBoolean } from './values';

/** What to answer for one populated attribute, and what to populate inside it. */
export interface PopulateNode {
  readonly populate: PopulateTree;
  /** @default every scalar field */
  readonly fields?: readonly string[];
  /** Keeps only the related records that pass (`populate[services][filters][...]`). @default all */
  readonly filter?: Predicate;
  readonly sort: readonly SortKey[];
}

/** Populated attributes by name; one absent from the tree is left out of the answer (Strapi v4 and v5). */
export type PopulateTree = ReadonlyMap<string, PopulateNode>;

const SHALLOW: PopulateNode = { populate: new Map(), sort: [] };

/**
 * Reads Strapi's `populate`: `*` (every media, component and relation, one
 * level), `image`, `image,blogContent`, `populate[0]=image`, dotted paths
 * (`solutions.icon`), or the object form (`populate[solutions][populate]=icon`,
 * with `fields`, `filters` and `sort` beside it).
 */
export function parsePopulate(index: ContentIndex, schema: Schema, raw: unknown): PopulateTree {
  if (raw === undefined || raw === null) return new Map();
  if (typeof raw === 'string' || Array.isArray(raw)) return parsePaths(index, schema, asList(raw));
  if (isPlainObject(raw)) return parseObject(index, schema, raw);
  throw validationError('Invalid populate parameter. Expected a string, an array of strings or a populate object');
}

function parsePaths(index: ContentIndex, schema: Schema, items: readonly unknown[]): PopulateTree {
  const nestedPaths = new Map<string, string[]>();
  for (const item of items) {
    if (typeof item !== 'string') throw validationError('Invalid populate parameter. Expected a string, an array of strings or a populate object');
    for (const path of item.split(',').map((part) => part.trim())) {
      if (path === '') continue;
      const [root = '', ...rest] = path.split('.');
      const roots = root === '*' ? populatable(schema) : [root];
      for (const name of roots) {
        const nested = nestedPaths.get(name) ?? [];
        if (rest.length > 0) nested.push(rest.join('.'));
        nestedPaths.set(name, nested);
      }
    }
  }
  const tree = new Map<string, PopulateNode>();
  for (const [name, nested] of nestedPaths) {
    const target = targetOf(index, schema, name);
    tree.set(name, { populate: parsePaths(index, target, nested), sort: [] });
  }
  return tree;
}

function parseObject(index: ContentIndex, schema: Schema, raw: Readonly<Record<string, unknown>>): PopulateTree {
  const tree = new Map<string, PopulateNode>();
  for (const [name, value] of Object.entries(raw)) {
    const target = targetOf(index, schema, name);
    if (!isPlainObject(value)) {
      if (parseBoolean(value)) tree.set(name, SHALLOW);
      continue;
    }
    const unknown = Object.keys(value).find((key) => !['populate', 'fields', 'filters', 'sort'].includes(key));
    if (unknown) throw validationError(`Invalid key ${unknown}`);
    tree.set(name, {
      populate: parsePopulate(index, target, value.populate),
      fields: parseFields(target, value.fields),
      filter: value.filters === undefined ? undefined : compileFilters(index, target, value.filters),
      sort: parseSort(target, value.sort),
    });
  }
  return tree;
}

function populatable(schema: Schema): string[] {
  return Object.entries(schema)
    .filter(([, attribute]) => isNonScalar(attribute))
    .map(([name]) => name);
}

function targetOf(index: ContentIndex, schema: Schema, name: string): Schema {
  const attribute = schema[name];
  if (!attribute || !isNonScalar(attribute)) throw validationError(`Invalid key ${name}`);
  return index.targetSchema(attribute);
}
