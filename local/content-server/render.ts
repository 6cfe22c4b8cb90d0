import type { ContentType, JsonValue, NonScalarAttribute, Schema } from './content-set';
import { derivedDocumentId, ENTRY_META_FIELDS, holdsMany, isNonScalar, MEDIA_SCHEMA, type ContentIndex, type FlatRecord, type StoredEntry } from './content-index';
import type { PopulateNode } from './populate';
import type { ApiVersion } from './query';
import { sortRecords } from './sort';

/** What rendering needs besides the record: where relations point, which shape, and whether drafts count. */
export interface RenderContext {
  readonly index: ContentIndex;
  readonly apiVersion: ApiVersion;
  readonly includeDrafts: boolean;
}

type Rendered = Record<string, unknown>;

/** Which scalar fields to answer and what to populate beside them. */
type Selection = Pick<PopulateNode, 'populate' | 'fields'>;

/** One entry in the shape of the API version: v4 `{ id, attributes }`, v5 flat with `documentId`. */
export function renderEntry(context: RenderContext, type: ContentType, entry: StoredEntry, node: Selection): Rendered {
  const fields: Rendered = scalars(type.attributes, entry, node.fields);
  const meta = ENTRY_META_FIELDS.filter((field) => field !== 'locale' || type.localized);
  for (const field of meta) if (selected(node.fields, field)) fields[field] = entry[field] ?? null;
  Object.assign(fields, populated(context, type.attributes, entry, node));
  return context.apiVersion === 4 ? { id: entry.id, attributes: fields } : { id: entry.id, documentId: entry.documentId, ...fields };
}

function scalars(schema: Schema, record: FlatRecord, fields: readonly string[] | undefined): Rendered {
  const rendered: Rendered = {};
  for (const [name, attribute] of Object.entries(schema)) {
    if (!isNonScalar(attribute) && selected(fields, name)) rendered[name] = record[name] ?? null;
  }
  return rendered;
}

const selected = (fields: readonly string[] | undefined, name: string): boolean => fields === undefined || fields.includes(name);

function populated(context: RenderContext, schema: Schema, record: FlatRecord, node: Selection): Rendered {
  const rendered: Rendered = {};
  for (const [name, child] of node.populate) {
    const attribute = schema[name];
    // The populate tree was checked against this schema, so every name is a non-scalar attribute.
    if (attribute && isNonScalar(attribute)) rendered[name] = renderAttribute(context, attribute, record[name], child);
  }
  return rendered;
}

function renderAttribute(context: RenderContext, attribute: NonScalarAttribute, value: JsonValue | undefined, node: PopulateNode): unknown {
  let related = context.index.related(attribute, value);
  if (attribute.type === 'relation' && !context.includeDrafts) related = related.filter((entry) => entry.publishedAt !== null);
  if (node.filter) related = related.filter(node.filter);
  related = sortRecords(related, node.sort);

  const renderOne = (record: FlatRecord): unknown => {
    switch (attribute.type) {
      case 'media':
        return renderMedia(context.apiVersion, record, node.fields);
      case 'component': {
        // The component schema starts with `id`, and `fields` always keeps it.
        const schema = context.index.component(attribute.component);
        return { ...scalars(schema, record, node.fields), ...populated(context, schema, record, node) };
      }
      case 'relation':
        return renderEntry(context, context.index.type(attribute.target).type, record as StoredEntry, node);
    }
  };
  const answer = holdsMany(attribute) ? related.map(renderOne) : related[0] === undefined ? null : renderOne(related[0]);
  // v4 wraps media and relations (not components) in `{ data }`.
  return context.apiVersion === 4 && attribute.type !== 'component' ? { data: answer } : answer;
}

function renderMedia(apiVersion: ApiVersion, media: FlatRecord, fields: readonly string[] | undefined): Rendered {
  const { id, ...attributes } = scalars(MEDIA_SCHEMA, media, fields);
  if (apiVersion === 4) return { id: media.id, attributes };
  return { id: media.id, documentId: derivedDocumentId('file', Number(media.id)), ...attributes, ...(selected(fields, 'publishedAt') ? { publishedAt: media.createdAt } : {}) };
}
