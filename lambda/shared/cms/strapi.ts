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

/** A single media field: v4 `{ data: { id, attributes } | null }` or v5 flat object or null. */
export const singleMedia = v.union([
  v.pipe(
    v.object({ data: v.nullable(v.object({ attributes: mediaFields })) }),
    v.transform((relation): Media | null => relation.data?.attributes ?? null),
  ),
  v.nullable(mediaFields),
]);

/** One entry of a collection, v4 or v5, as its fields with `id` beside them. */
function entry<const Fields extends v.ObjectEntries>(fields: Fields) {
  const flat = v.object({ id: v.number(), ...fields });
  return v.union([
    v.pipe(
      v.object({ id: v.number(), attributes: v.object(fields) }),
      v.transform(({ id, attributes }) => ({ id, ...attributes }) as v.InferOutput<typeof flat>),
    ),
    v.pipe(
      // A v4 entry whose attributes do not fit must fail, not pass as a v5 entry with every field missing.
      v.custom<object>((input) => typeof input === 'object' && input !== null && !('attributes' in input)),
      flat,
    ),
  ]);
}

/** A collection answer (`GET /api/<type>`): its entries, flat. */
export function collection<const Fields extends v.ObjectEntries>(fields: Fields) {
  return v.pipe(
    v.object({ data: v.array(entry(fields)) }),
    v.transform(({ data }) => data),
  );
}
