import * as v from 'valibot';

/**
 * A slug in a route's path (a case study's, a service's): 1–200 lower-case letters, digits and hyphens, as
 * the CMS's slugs are. Its own module so the OpenAPI document (`lib/openapi.ts`) is generated from
 * it without loading the handler, which reads its environment when it loads. The lengths are
 * their own actions (rather than `{1,200}` in the pattern) so they carry over to JSON Schema as
 * `minLength` and `maxLength`; the characters are ASCII, so every way of counting agrees.
 */
export const slugSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(200), v.regex(/^[a-z0-9-]+$/));
