import * as v from 'valibot';

/**
 * Strapi answers, read from either major version into one flat shape:
 * v4 wraps every entry's fields in `attributes` and every media field in
 * `{ data }`; v5 puts them flat on the entry (with a `documentId`).
 */

// Details of a media file are read leniently: one odd value costs that detail, not the whole answer.
const lenientNumber = v.fallback(v.nullish(v.number()), null);
const lenientString = v.fallback(v.nullish(v.string()), null);

const mediaFormat = v.object({
  url: v.string(),
  width: lenientNumber,
  height: lenientNumber,
  mime: lenientString,
  ext: lenientString,
  /** Kilobytes, as Strapi counts. */
  size: lenientNumber,
});

const mediaFields = v.object({
  ...mediaFormat.entries,
  alternativeText: lenientString,
  // A format that cannot be read is left out; the others stay.
  formats: v.fallback(v.nullish(v.record(v.string(), v.fallback(v.nullable(mediaFormat), null))), null),
});

export type Media = v.InferOutput<typeof mediaFields>;
export type MediaFormat = v.InferOutput<typeof mediaFormat>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A v4 entry (`{ id, attributes }`) as one flat object, as v5 has it; the
 * entry's own id wins over an `id` among its attributes. An entry whose
 * `attributes` is no object is unreadable (undefined), rather than passing as
 * a v5 entry with every field missing. Anything else is returned as it is.
 */
export function flatEntry(value: unknown): unknown {
  if (!isRecord(value) || !('attributes' in value)) return value;
  return isRecord(value.attributes) ? { ...value.attributes, id: value.id } : undefined;
}

/** What v4 wraps in `{ data }` (a media or relation field), as v5 has it. */
export function unwrapped(value: unknown): unknown {
  return isRecord(value) && 'data' in value ? value.data : value;
}

/** A single media field: v4 `{ data: { id, attributes } | null }` or v5 flat object or null. */
export const singleMedia = v.pipe(
  v.unknown(),
  v.transform((value) => flatEntry(unwrapped(value))),
  v.nullable(mediaFields),
);

/** One entry of a collection, v4 or v5, as its fields with `id` beside them. */
function entry<const Fields extends v.ObjectEntries>(fields: Fields) {
  return v.pipe(v.unknown(), v.transform(flatEntry), v.object({ id: v.number(), ...fields }));
}

/** A collection answer (`GET /api/<type>`): its entries, flat. */
export function collection<const Fields extends v.ObjectEntries>(fields: Fields) {
  return v.pipe(
    v.object({ data: v.array(entry(fields)) }),
    v.transform(({ data }) => data),
  );
}
