import * as v from 'valibot';
import { absoluteMediaUrl } from '../shared/cms/media-url';
import { flatEntry, unwrapped } from '../shared/cms/strapi';
import { articleHtml, isSanitisable, safeJson } from './sanitise';

/**
 * Content as this API answers it: the Strapi v4 REST shape the site already
 * reads (entries as `{ id, attributes }`, media and relations as `{ data }`),
 * read from a Strapi v4 or v5 answer through a list of the fields each type
 * answers. Whatever a type does not list (`createdBy`, `updatedBy`,
 * `documentId`, a file's provider metadata) never reaches an answer.
 */

export interface ModelContext {
  /** Base URL of the CMS: relative media URLs are made absolute against it. */
  readonly cmsUrl: string;
}

type AnySchema = v.GenericSchema<unknown, unknown>;

/** How one field is read from either Strapi version, and answered. */
export type Field = (context: ModelContext) => AnySchema;
export type Fields = Readonly<Record<string, Field>>;

/** An entry in Strapi v4's shape. */
export interface V4Entry {
  readonly id: number;
  readonly attributes: Readonly<Record<string, unknown>>;
}

export interface Pagination {
  readonly page: number;
  readonly pageSize: number;
  readonly pageCount: number;
  readonly total: number;
}

/** A field of the wrong type is answered as null, rather than failing the whole answer. */
function lenient(schema: AnySchema): AnySchema {
  return v.fallback(v.nullish(schema, null), null) as AnySchema;
}

/**
 * Media, components and relations are in a Strapi answer only when the query
 * populates them: one the CMS left out is left out here too, never answered
 * as empty.
 */
function whenPopulated(schema: AnySchema): AnySchema {
  return v.optional(schema) as AnySchema;
}

function readers(fields: Fields, context: ModelContext): Record<string, AnySchema> {
  return Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, field(context)]));
}

/** Each item that `schema` reads; the others (and nulls) are left out. */
function readable(items: readonly unknown[], schema: AnySchema): unknown[] {
  return items.flatMap((item) => {
    const result = v.safeParse(schema, item);
    return result.success && result.output !== null ? [result.output] : [];
  });
}

const leniently = (schema: AnySchema): Field => () => lenient(schema);

export const text: Field = leniently(v.string());
export const number: Field = leniently(v.number());
export const boolean: Field = leniently(v.boolean());
/** A list of strings (tags); anything else in it is left out. */
export const strings: Field = leniently(v.pipe(v.array(v.unknown()), v.transform((items) => items.filter((item) => typeof item === 'string'))));
/** Text the site inserts as HTML: sanitised, its line breaks as `<br>`; null past the sanitiser's limits. */
export const html: Field = leniently(v.pipe(v.string(), v.check(isSanitisable), v.transform(articleHtml)));
/** A JSON field whose shape the CMS's editors decide: kept whole, its markup and links made safe. */
export const json: Field = () => v.pipe(v.optional(v.unknown(), null), v.transform((value) => safeJson(value)));

/** A nested object of these fields only: a known part of a JSON field, or a component. */
export function object(fields: Fields): Field {
  return (context) => lenient(v.object(readers(fields, context)));
}

/** A list of one kind of item; an item that cannot be read is left out. */
export function list(item: Field): Field {
  return (context) => {
    const schema = item(context);
    return lenient(v.pipe(v.array(v.unknown()), v.transform((items) => readable(items, schema))));
  };
}

/** A component: its `id` and these fields (alike in both versions). */
export function component(fields: Fields): Field {
  const read = object({ id: number, ...fields });
  return (context) => whenPopulated(read(context));
}

/** A repeatable component. */
export function components(fields: Fields): Field {
  const read = list(object({ id: number, ...fields }));
  return (context) => whenPopulated(read(context));
}

/** An entry (of a collection, or of a relation) as v4's `{ id, attributes }`; one without a numeric id is unreadable. */
export function entry(fields: Fields): Field {
  return (context) =>
    v.pipe(
      v.unknown(),
      v.transform(flatEntry),
      v.object({ id: v.number(), ...readers(fields, context) }),
      v.transform(({ id, ...attributes }): V4Entry => ({ id, attributes })),
    ) as AnySchema;
}

/** A list under v4's `{ data }` (or v5's bare list) as v4's `{ data: [...] }` of what `schema` reads. */
function relationList(value: unknown, schema: AnySchema): { data: unknown[] } {
  const items = unwrapped(value);
  return { data: Array.isArray(items) ? readable(items, schema) : [] };
}

/** A to-many relation: the related entries' listed fields, as v4's `{ data: [...] }`. */
export function relations(fields: Fields): Field {
  return (context) => {
    const schema = entry(fields)(context);
    return whenPopulated(v.pipe(v.unknown(), v.transform((value) => relationList(value, schema))));
  };
}

/** What a page shows of an uploaded file; never where or how it is stored. */
const FILE_DETAILS: Fields = { name: text, ext: text, mime: text, width: number, height: number, size: number };

/**
 * One uploaded file, flat, as v4's `{ id, attributes }` with absolute URLs;
 * null when the file is at no http(s) URL (`javascript:`, `data:`). A format
 * whose URL is unusable is left out.
 */
function file(context: ModelContext): AnySchema {
  const format = v.object({ ...readers(FILE_DETAILS, context), url: v.string() });
  return v.pipe(
    v.unknown(),
    v.transform(flatEntry),
    v.object({
      id: v.number(),
      ...readers({ ...FILE_DETAILS, alternativeText: text, caption: text }, context),
      url: v.string(),
      formats: lenient(v.record(v.string(), v.unknown())),
    }),
    v.transform(({ id, url, formats, ...details }): V4Entry | null => {
      const absolute = absoluteMediaUrl(url, context.cmsUrl);
      if (!absolute) return null;
      const renditions = Object.entries((formats ?? {}) as Record<string, unknown>).flatMap(([name, value]) => {
        const rendition = v.safeParse(format, value);
        const renditionUrl = rendition.success ? absoluteMediaUrl(rendition.output.url, context.cmsUrl) : undefined;
        return rendition.success && renditionUrl ? [[name, { ...rendition.output, url: renditionUrl }] as const] : [];
      });
      return { id, attributes: { ...details, url: absolute, formats: renditions.length > 0 ? Object.fromEntries(renditions) : null } };
    }),
  ) as AnySchema;
}

/** A single media field, as v4's `{ data: file | null }`; an unreadable file is `null`. */
export const media: Field = (context) => {
  const schema = file(context);
  return whenPopulated(v.pipe(v.unknown(), v.transform((value) => ({ data: readable([unwrapped(value)], schema)[0] ?? null }))));
};

/** A multiple media field, as v4's `{ data: [file, ...] }`. */
export const mediaList: Field = (context) => {
  const schema = file(context);
  return whenPopulated(v.pipe(v.unknown(), v.transform((value) => relationList(value, schema))));
};

const paginationSchema = v.object({
  page: v.pipe(v.number(), v.integer()),
  pageSize: v.pipe(v.number(), v.integer()),
  pageCount: v.pipe(v.number(), v.integer()),
  total: v.pipe(v.number(), v.integer()),
});

/** A collection answer: its readable entries, and Strapi's pagination (or one page of them all). */
export function collectionAnswer(fields: Fields, context: ModelContext) {
  const schema = entry(fields)(context);
  return v.pipe(
    v.object({ data: v.array(v.unknown()), meta: v.fallback(v.optional(v.object({ pagination: v.optional(paginationSchema) })), undefined) }),
    v.transform(({ data, meta }) => {
      const entries = readable(data, schema) as V4Entry[];
      return { entries, pagination: meta?.pagination ?? onePage(entries.length) };
    }),
  );
}

/** A single type's answer (`GET /api/<singularName>`): its one entry. */
export function singleAnswer(fields: Fields, context: ModelContext) {
  return v.pipe(v.object({ data: v.unknown() }), v.transform(({ data }) => data), entry(fields)(context) as v.GenericSchema<unknown, V4Entry>);
}

/** Pagination of an answer that is all on one page. */
export function onePage(total: number): Pagination {
  return { page: 1, pageSize: Math.max(total, 1), pageCount: 1, total };
}
