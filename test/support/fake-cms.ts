import type { StandardSchemaV1 } from 'ky';
import type { CmsClient } from '../../lambda/shared/cms/client';
import { CmsError } from '../../lambda/shared/errors';

/** A CMS client whose answer each test sets; it validates with the real schema as the real client does. */
export class FakeCms implements CmsClient {
  answer: unknown = { data: [] };
  failure?: CmsError;
  readonly queries: string[] = [];

  async get<Output>(path: string, query: URLSearchParams, schema: StandardSchemaV1<unknown, Output>): Promise<Output> {
    this.queries.push(`${path}?${query}`);
    if (this.failure) throw this.failure;
    const result = await schema['~standard'].validate(this.answer);
    if (result.issues) throw new CmsError('unreadable', path);
    return result.value;
  }
}
