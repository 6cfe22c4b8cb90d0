import { createHash } from 'node:crypto';
import type { Attribute, ContentSet, ContentType, Entry, JsonValue, NonScalarAttribute, Schema } from './content-set';

/** An entry with its v5 `documentId` and default `locale` filled in. */
export type StoredEntry = Entry & { readonly documentId: string };

/** Anything filters, sorting and rendering look into: an entry, a component or a media file. */
export type FlatRecord = { readonly [field: string]: JsonValue | undefined };

export interface IndexedType {
  readonly type: ContentType;
  /** The attributes plus the bookkeeping fields a query may name (`id`, `createdAt`, `locale`...). */
  readonly schema: Schema;
  readonly entries: readonly StoredEntry[];
}

/** The fields of an uploaded file, as filters and `fields` see them. */
export const MEDIA_SCHEMA: Schema = {
  id: { type: 'integer' },
  name: { type: 'string' },
  alternativeText: { type: 'string' },
  caption: { type: 'string' },
  width: { type: 'integer' },
  height: { type: 'integer' },
  formats: { type: 'json' },
  hash: { type: 'string' },
  ext: { type: 'string' },
  mime: { type: 'string' },
  size: { type: 'decimal' },
  url: { type: 'string' },
  previewUrl: { type: 'string' },
  provider: { type: 'string' },
  provider_metadata: { type: 'json' },
  createdAt: { type: 'datetime' },
  updatedAt: { type: 'datetime' },
};

/** Bookkeeping fields that are not attributes but are answered like scalars. */
export const ENTRY_META_FIELDS = ['createdAt', 'updatedAt', 'publishedAt', 'locale'] as const;

export const DEFAULT_LOCALE = 'en';

/** Media, components and relations: left out of answers unless populated. */
export function isNonScalar(attribute: Attribute): attribute is NonScalarAttribute {
  return attribute.type === 'media' || attribute.type === 'component' || attribute.type === 'relation';
}

/** Whether a non-scalar attribute holds a list (repeatable component, multiple media, to-many relation). */
export function holdsMany(attribute: NonScalarAttribute): boolean {
  return attribute.type === 'component' ? attribute.repeatable : attribute.multiple;
}

/** A content set checked once and indexed for lookups by route and by relation target. */
export class ContentIndex {
  private readonly byRoute = new Map<string, IndexedType>();
  private readonly byName = new Map<string, IndexedType>();
  private readonly componentSchemas = new Map<string, Schema>();

  constructor(readonly content: ContentSet) {
    for (const [name, attributes] of Object.entries(content.components)) {
      this.componentSchemas.set(name, { id: { type: 'integer' }, ...attributes });
    }
    for (const type of content.types) {
      if (this.byName.has(type.singularName)) throw new Error(`Content type ${type.singularName} is defined twice`);
      const indexed: IndexedType = { type, schema: entrySchema(type), entries: type.entries.map((entry) => store(type, entry)) };
      this.byName.set(type.singularName, indexed);
      this.byRoute.set(type.kind === 'singleType' ? type.singularName : type.pluralName, indexed);
    }
    for (const { type, entries } of this.types()) {
      for (const entry of entries) this.check(type.attributes, entry, `${type.pluralName}#${entry.id}`);
    }
  }

  types(): readonly IndexedType[] {
    return [...this.byName.values()];
  }

  /** The type answered at `/api/<segment>`: a collection's plural name or a single type's singular name. */
  route(segment: string): IndexedType | undefined {
    return this.byRoute.get(segment);
  }

  type(singularName: string): IndexedType {
    const indexed = this.byName.get(singularName);
    if (!indexed) throw new Error(`Unknown content type ${singularName}`);
    return indexed;
  }

  component(name: string): Schema {
    const schema = this.componentSchemas.get(name);
    if (!schema) throw new Error(`Unknown component ${name}`);
    return schema;
  }

  /** The schema of what a non-scalar attribute holds. */
  targetSchema(attribute: Attribute): Schema {
    switch (attribute.type) {
      case 'media':
        return MEDIA_SCHEMA;
      case 'component':
        return this.component(attribute.component);
      case 'relation':
        return this.type(attribute.target).schema;
      default:
        throw new Error(`${attribute.type} is a scalar`);
    }
  }

  /** What a non-scalar attribute of `record` holds, as a list (empty when unset). */
  related(attribute: Attribute, value: JsonValue | undefined): readonly FlatRecord[] {
    if (value === null || value === undefined) return [];
    if (attribute.type !== 'relation') return (Array.isArray(value) ? value : [value]) as readonly FlatRecord[];
    const ids = new Set(Array.isArray(value) ? value : [value]);
    return this.type(attribute.target).entries.filter((entry) => ids.has(entry.id));
  }

  /** Fails on fields the schema lacks, values of the wrong kind and dangling relations: typos in hand-written content. */
  private check(schema: Schema, record: FlatRecord, where: string): void {
    for (const [field, value] of Object.entries(record)) {
      if (field === 'id' || field === 'documentId' || (ENTRY_META_FIELDS as readonly string[]).includes(field)) continue;
      const attribute = schema[field];
      if (!attribute) throw new Error(`${where}: unknown field ${field}`);
      if (value === null || value === undefined) continue;
      if (isNonScalar(attribute) && holdsMany(attribute) !== Array.isArray(value)) {
        throw new Error(`${where}: ${field} must be ${holdsMany(attribute) ? 'a list' : 'a single value'}`);
      }
      if (attribute.type === 'component') {
        for (const [index, item] of this.related(attribute, value).entries()) {
          if (typeof item.id !== 'number') throw new Error(`${where}: ${field}[${index}] has no numeric id`);
          this.check(this.component(attribute.component), item, `${where}.${field}[${index}]`);
        }
      }
      if (attribute.type === 'relation') {
        const ids = (Array.isArray(value) ? value : [value]) as readonly number[];
        const found = this.related(attribute, value).length;
        if (found !== new Set(ids).size) throw new Error(`${where}: ${field} names an id that ${attribute.target} lacks`);
      }
    }
  }
}

function entrySchema(type: ContentType): Schema {
  return {
    id: { type: 'integer' },
    documentId: { type: 'string' },
    ...type.attributes,
    createdAt: { type: 'datetime' },
    updatedAt: { type: 'datetime' },
    publishedAt: { type: 'datetime' },
    ...(type.localized ? { locale: { type: 'string' } } : {}),
  };
}

function store(type: ContentType, entry: Entry): StoredEntry {
  return {
    ...entry,
    documentId: entry.documentId ?? derivedDocumentId(type.singularName, entry.id),
    ...(type.localized ? { locale: entry.locale ?? DEFAULT_LOCALE } : {}),
  };
}

/** 24 lower-case alphanumerics like Strapi v5's cuid2 document ids, stable across runs. */
export function derivedDocumentId(singularName: string, id: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const digest = createHash('sha256').update(`${singularName}:${id}`).digest();
  return Array.from(digest.subarray(0, 24), (byte, index) => alphabet[index === 0 ? byte % 26 : byte % 36]).join('');
}
