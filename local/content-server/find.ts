import type { IndexedType, StoredEntry } from './content-index';
import { notFound } from './errors';
import type { FindQuery } from './query';
import { renderEntry, type RenderContext } from './render';
import { sortRecords } from './sort';

/** `GET /api/<pluralName>`: `{ data: [...], meta: { pagination } }`. */
export function findMany(context: RenderContext, indexed: IndexedType, query: FindQuery): unknown {
  const matching = sortRecords(visibleEntries(indexed, query), query.sort);
  const total = matching.length;
  const { pagination } = query;
  const [offset, limit] = pagination.kind === 'page' ? [(pagination.page - 1) * pagination.pageSize, pagination.pageSize] : [pagination.start, pagination.limit];
  const data = matching.slice(offset, offset + limit).map((entry) => renderEntry(context, indexed.type, entry, query));
  const meta =
    pagination.kind === 'page'
      ? { page: pagination.page, pageSize: pagination.pageSize, pageCount: Math.ceil(total / pagination.pageSize), total }
      : { start: pagination.start, limit: pagination.limit, total };
  return { data, meta: { pagination: meta } };
}

/** `GET /api/<singularName>` of a single type: its entry in the locale, or 404 when that locale has none. */
export function findSingle(context: RenderContext, indexed: IndexedType, query: FindQuery): unknown {
  const [entry] = visibleEntries(indexed, query);
  if (!entry) throw notFound();
  return { data: renderEntry(context, indexed.type, entry, query), meta: {} };
}

/** `GET /api/<pluralName>/<id>`: by numeric id in v4 (any locale), by documentId and locale in v5. */
export function findOne(context: RenderContext, indexed: IndexedType, query: FindQuery, key: string): unknown {
  const entry =
    context.apiVersion === 4
      ? indexed.entries.find((candidate) => String(candidate.id) === key && (query.includeDrafts || candidate.publishedAt !== null))
      : visibleEntries(indexed, query).find((candidate) => candidate.documentId === key);
  if (!entry) throw notFound();
  return { data: renderEntry(context, indexed.type, entry, query), meta: {} };
}

function visibleEntries(indexed: IndexedType, query: FindQuery): StoredEntry[] {
  return indexed.entries.filter(
    (entry) =>
      (query.includeDrafts || entry.publishedAt !== null) && (query.locale === undefined || entry.locale === query.locale) && query.filter(entry),
  );
}
