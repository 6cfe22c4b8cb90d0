import type { StandardSchemaV1 } from 'ky';
import type { CmsClient } from '../../../lambda/shared/cms/client';
import { CmsError } from '../../../lambda/shared/errors';

/**
 * A CMS client that answers each request by what it asks (its path, its
 * locale, its page), validating with the real schema as the real client
 * does. A reply that is a {@link CmsError} is thrown.
 */
export class ScriptedCms implements CmsClient {
  /** Every request, as `path?query` with the query decoded. */
  readonly queries: string[] = [];

  constructor(private readonly reply: (path: string, query: URLSearchParams) => unknown) {}

  async get<Output>(path: string, query: URLSearchParams, schema: StandardSchemaV1<unknown, Output>): Promise<Output> {
    this.queries.push(decodeURIComponent(`${path}?${query}`));
    const answer = this.reply(path, new URLSearchParams(query));
    if (answer instanceof CmsError) throw answer;
    const result = await schema['~standard'].validate(answer);
    if (result.issues) throw new CmsError('unreadable', path);
    return result.value;
  }
}

/** A 404 from Strapi, as the real client reports it. */
export const notFound = (path: string) => new CmsError('status', path, { status: 404 });
