/**
 * The content a server answers with, kept flat (one plain object per entry,
 * media and components inline, relations as ids) and rendered as Strapi v4
 * or v5 only on output.
 */

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** Scalar attribute types, named as in Strapi schemas. Always present in answers. */
export type ScalarType = 'string' | 'text' | 'richtext' | 'uid' | 'enumeration' | 'integer' | 'decimal' | 'boolean' | 'date' | 'datetime' | 'json';

/** One attribute of a content type or component. Only scalars are answered without `populate`. */
export type Attribute =
  | { readonly type: ScalarType }
  | { readonly type: 'media'; readonly multiple: boolean }
  /** `component` is a key of {@link ContentSet.components}. */
  | { readonly type: 'component'; readonly component: string; readonly repeatable: boolean }
  /** `target` is the `singularName` of another content type; values are its entry ids. */
  | { readonly type: 'relation'; readonly target: string; readonly multiple: boolean };

/** The attributes answered only when `populate` names them. */
export type NonScalarAttribute = Extract<Attribute, { type: 'media' | 'component' | 'relation' }>;

export type Schema = Readonly<Record<string, Attribute>>;

/** A resized copy of an uploaded image, as Strapi stores it under `formats`. */
export type MediaFormat = {
  readonly name: string;
  readonly hash: string;
  readonly ext: string;
  readonly mime: string;
  readonly path: null;
  readonly width: number;
  readonly height: number;
  /** Kilobytes with decimals, as Strapi counts. */
  readonly size: number;
  readonly sizeInBytes: number;
  readonly url: string;
};

/** An uploaded file (`plugin::upload.file`), as stored inline in the field that uses it. */
export type Media = {
  readonly id: number;
  readonly name: string;
  readonly alternativeText: string | null;
  readonly caption: string | null;
  readonly width: number | null;
  readonly height: number | null;
  readonly formats: Readonly<Partial<Record<'thumbnail' | 'small' | 'medium' | 'large', MediaFormat>>> | null;
  readonly hash: string;
  readonly ext: string;
  readonly mime: string;
  /** Kilobytes with decimals, as Strapi counts. */
  readonly size: number;
  /** Relative (`/uploads/...`) for the local provider; absolute for cloud providers. */
  readonly url: string;
  readonly previewUrl: string | null;
  readonly provider: string;
  readonly provider_metadata: JsonValue;
  readonly createdAt: string;
  readonly updatedAt: string;
};

/** One entry: bookkeeping fields beside the content type's attributes, by name. */
export type Entry = {
  readonly id: number;
  /**
   * Strapi v5 document id, shared by the locales of one document.
   * @default derived from the content type and `id`
   */
  readonly documentId?: string;
  /** @default 'en' on localized types; absent on the others */
  readonly locale?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** `null` for a draft, which only `publicationState=preview` (v4) or `status=draft` (v5) returns. */
  readonly publishedAt: string | null;
} & { readonly [field: string]: JsonValue | undefined };

export interface ContentType {
  /** A collection answers a list at `/api/<pluralName>`; a single type one entry at `/api/<singularName>`. */
  readonly kind: 'collectionType' | 'singleType';
  readonly singularName: string;
  readonly pluralName: string;
  /** Entries carry a `locale` and answers are filtered by the `locale` parameter. @default false */
  readonly localized?: boolean;
  readonly attributes: Schema;
  readonly entries: readonly Entry[];
}

export interface ContentSet {
  readonly types: readonly ContentType[];
  /** Component schemas by name (`blog.section`). */
  readonly components: Readonly<Record<string, Schema>>;
}
