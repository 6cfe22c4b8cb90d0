import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { version } from '../package.json';
import { parseSubmission, INTERESTS, submissionSchema } from '../lambda/contact/submission';
import { submissionId } from '../lambda/contact/submission-id';
import { SHARE_PAGE_HEADERS } from '../lambda/share-case-study/page';
import { localeParameter, MAX_PAGE, MAX_PAGE_SIZE, pageParameter, pageSizeParameter } from '../lambda/content/parameters';
import { slugSchema } from '../lambda/shared/slug';
import { DEFAULT_STAGE_CONFIG } from '../lib/config';
import { errorResponse, htmlResponse, jsonResponse } from '../lambda/shared/responses';
import {
  buildOpenApiDocument,
  OPENAPI_FILE,
  REGENERATE_COMMAND,
  renderOpenApiDocument,
  ROUTE_DOCUMENTATION,
  sortKeys,
  type JsonObject,
  type JsonValue,
} from '../lib/openapi';
import { ROUTES, routeKeys, routePaths } from '../lib/routes';

const document = buildOpenApiDocument();
const METHODS = ['get', 'head', 'post', 'put', 'patch', 'delete', 'options', 'trace'];

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Follows a local `$ref` (JSON Pointer, `~1` and `~0` decoded). */
function resolvePointer(ref: string): JsonValue | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: JsonValue | undefined = document;
  for (const token of ref.slice(2).split('/').map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))) {
    node = isObject(node) ? node[token] : undefined;
  }
  return node;
}

function deref(value: JsonValue): JsonObject {
  let node = value;
  for (let depth = 0; isObject(node) && typeof node.$ref === 'string'; depth += 1) {
    if (depth > 10) throw new Error(`$ref loop at ${node.$ref}`);
    node = resolvePointer(node.$ref)!;
  }
  if (!isObject(node)) throw new Error(`Not an object: ${JSON.stringify(value)}`);
  return node;
}

/** Every operation of the document, as `METHOD /path`. */
function operations(): { key: string; path: string; method: string; operation: JsonObject }[] {
  return Object.entries(document.paths as JsonObject).flatMap(([path, item]) =>
    Object.entries(item as JsonObject)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, path, method, operation: operation as JsonObject })),
  );
}

function walk(value: JsonValue, visit: (node: JsonObject, at: string) => void, at = '#'): void {
  if (Array.isArray(value)) value.forEach((item, index) => walk(item, visit, `${at}/${index}`));
  else if (isObject(value)) {
    visit(value, at);
    for (const [key, child] of Object.entries(value)) walk(child, visit, `${at}/${key}`);
  }
}

/**
 * A JSON Schema validator for the keywords this document uses, strict about
 * any other keyword, so examples are checked against their schemas.
 */
const ANNOTATIONS = new Set(['description', 'examples', 'default', 'title', 'x-maxGraphemes']);
function validate(schema: JsonValue, value: JsonValue, at = '$'): string[] {
  if (!isObject(schema)) return [`${at}: schema is not an object`];
  const problems: string[] = [];
  const typeOf = (item: JsonValue) => (item === null ? 'null' : Array.isArray(item) ? 'array' : Number.isInteger(item) ? 'integer' : typeof item);
  for (const [keyword, requirement] of Object.entries(schema)) {
    if (ANNOTATIONS.has(keyword)) continue;
    switch (keyword) {
      case '$ref':
        problems.push(...validate(resolvePointer(requirement as string)!, value, at));
        break;
      case 'type': {
        const types = Array.isArray(requirement) ? requirement : [requirement];
        const actual = typeOf(value);
        if (!types.includes(actual) && !(actual === 'integer' && types.includes('number'))) problems.push(`${at}: ${actual} is not ${types.join(' or ')}`);
        break;
      }
      case 'const':
        if (JSON.stringify(value) !== JSON.stringify(requirement)) problems.push(`${at}: not ${JSON.stringify(requirement)}`);
        break;
      case 'enum':
        if (!(requirement as JsonValue[]).some((option) => JSON.stringify(option) === JSON.stringify(value))) problems.push(`${at}: not one of the enum`);
        break;
      case 'pattern':
        if (typeof value === 'string' && !new RegExp(requirement as string, 'u').test(value)) problems.push(`${at}: does not match ${requirement}`);
        break;
      case 'minLength':
        if (typeof value === 'string' && [...value].length < (requirement as number)) problems.push(`${at}: shorter than ${requirement}`);
        break;
      case 'maxLength':
        if (typeof value === 'string' && [...value].length > (requirement as number)) problems.push(`${at}: longer than ${requirement}`);
        break;
      case 'minItems':
        if (Array.isArray(value) && value.length < (requirement as number)) problems.push(`${at}: fewer than ${requirement} items`);
        break;
      case 'items':
        if (Array.isArray(value)) value.forEach((item, index) => problems.push(...validate(requirement, item, `${at}[${index}]`)));
        break;
      case 'required':
        if (isObject(value)) for (const key of requirement as string[]) if (!(key in value)) problems.push(`${at}: ${key} is missing`);
        break;
      case 'properties':
        if (isObject(value)) {
          for (const [key, propertySchema] of Object.entries(requirement as JsonObject)) {
            if (key in value) problems.push(...validate(propertySchema, value[key]!, `${at}.${key}`));
          }
        }
        break;
      case 'additionalProperties':
        if (isObject(value)) {
          const known = Object.keys((schema.properties as JsonObject | undefined) ?? {});
          for (const [key, item] of Object.entries(value)) {
            if (known.includes(key)) continue;
            if (requirement === false) problems.push(`${at}: ${key} is not allowed`);
            else problems.push(...validate(requirement, item, `${at}.${key}`));
          }
        }
        break;
      case 'propertyNames':
        if (isObject(value)) for (const key of Object.keys(value)) problems.push(...validate(requirement, key, `${at} key ${key}`));
        break;
      case 'allOf':
        for (const part of requirement as JsonValue[]) problems.push(...validate(part, value, at));
        break;
      case 'anyOf':
        if (!(requirement as JsonValue[]).some((part) => validate(part, value, at).length === 0)) problems.push(`${at}: matches none of anyOf`);
        break;
      default:
        problems.push(`${at}: the test's validator does not know "${keyword}"`);
    }
  }
  return problems;
}

describe('openapi.json', () => {
  test('is the generated document, byte for byte', () => {
    const expected = renderOpenApiDocument(document);
    let actual: string | undefined;
    try {
      actual = readFileSync(OPENAPI_FILE, 'utf8');
    } catch {
      actual = undefined;
    }
    if (actual !== expected) {
      const expectedLines = expected.split('\n');
      const actualLines = actual?.split('\n') ?? [];
      const line = expectedLines.findIndex((text, index) => text !== actualLines[index]);
      throw new Error(
        actual === undefined
          ? `openapi.json is missing: generate it with ${REGENERATE_COMMAND}`
          : `openapi.json is out of date (first difference at line ${line + 1}: expected ${JSON.stringify(expectedLines[line])}, found ${JSON.stringify(actualLines[line])}). ` +
              `Regenerate it with ${REGENERATE_COMMAND} and check in the result.`,
      );
    }
  });

  test('is generated deterministically, whatever order its keys are built in', () => {
    expect(renderOpenApiDocument(buildOpenApiDocument())).toBe(renderOpenApiDocument(document));
    const reversed = (value: JsonValue): JsonValue =>
      Array.isArray(value) ? value.map(reversed) : isObject(value) ? Object.fromEntries(Object.entries(value).reverse().map(([key, item]) => [key, reversed(item)])) : value;
    expect(renderOpenApiDocument(reversed(document) as JsonObject)).toBe(renderOpenApiDocument(document));
    expect(JSON.stringify(sortKeys({ b: 1, a: [{ d: 1, c: 2 }] }))).toBe('{"a":[{"c":2,"d":1}],"b":1}');
  });
});

describe('the OpenAPI document', () => {
  test('is OpenAPI 3.1 with the package version', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toMatchObject({ title: 'Marchcroft API', version });
    expect((document.servers as JsonObject[]).map((server) => server.url)).toEqual(['https://api.marchcroft.com', 'http://localhost:3000']);
  });

  test('has every route key of the route table, and nothing else', () => {
    const documented = operations().map((operation) => operation.key).sort();
    const routed = ROUTES.flatMap(routeKeys).sort();
    const missing = routed.filter((key) => !documented.includes(key));
    const extra = documented.filter((key) => !routed.includes(key));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    expect(Object.keys(document.paths as JsonObject).sort()).toEqual([...new Set(ROUTES.flatMap(routePaths))].sort());
    expect(Object.keys(ROUTE_DOCUMENTATION).sort()).toEqual(ROUTES.map((route) => route.id).sort());
  });

  test('fails to build for a route it does not describe', () => {
    const unknown = { ...ROUTES[0]!, id: 'Unknown', path: '/unknown' };
    expect(() => buildOpenApiDocument([...ROUTES, unknown])).toThrow(/Unknown/);
  });

  test('every operation has a unique id, a known tag, a summary and described responses', () => {
    const ids = operations().map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const tags = (document.tags as JsonObject[]).map((tag) => tag.name);
    for (const { key, operation } of operations()) {
      expect([key, typeof operation.summary]).toEqual([key, 'string']);
      for (const tag of operation.tags as string[]) expect(tags).toContain(tag);
      const responses = Object.entries(operation.responses as JsonObject);
      expect([key, responses.length > 0]).toEqual([key, true]);
      for (const [status, response] of responses) {
        expect([key, status]).toEqual([key, expect.stringMatching(/^[1-5]\d\d$/)]);
        expect([key, status, typeof deref(response).description]).toEqual([key, status, 'string']);
      }
      expect([key, Object.keys(operation.responses as JsonObject)]).toEqual([key, expect.arrayContaining(['429', '500'])]);
    }
  });

  test('every $ref resolves', () => {
    const refs: string[] = [];
    walk(document, (node) => {
      if (typeof node.$ref === 'string') refs.push(node.$ref);
    });
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.filter((ref) => resolvePointer(ref) === undefined)).toEqual([]);
  });

  test('every path template parameter is a required path parameter, and there are no others', () => {
    for (const { key, path, operation } of operations()) {
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]).sort();
      const parameters = ((operation.parameters as JsonValue[] | undefined) ?? []).map(deref).filter((parameter) => parameter.in === 'path');
      expect([key, parameters.map((parameter) => parameter.name).sort()]).toEqual([key, templated]);
      for (const parameter of parameters) expect(parameter.required).toBe(true);
    }
  });

  test('a HEAD answer has no body', () => {
    for (const { key, method, operation } of operations().filter((entry) => entry.method === 'head')) {
      for (const [status, response] of Object.entries(operation.responses as JsonObject)) {
        expect([key, method, status, 'content' in deref(response)]).toEqual([key, method, status, false]);
      }
    }
  });

  test('every example is valid against its schema', () => {
    let checked = 0;
    walk(document, (node, at) => {
      if (!isObject(node.schema)) return;
      const examples = [
        ...('example' in node ? [node.example!] : []),
        ...Object.values(isObject(node.examples) ? node.examples : {}).map((example) => deref(example).value!),
      ];
      for (const example of examples) {
        expect([at, validate(node.schema, example)]).toEqual([at, []]);
        checked += 1;
      }
    });
    walk(document.components as JsonObject, (node, at) => {
      if (!Array.isArray(node.examples) || !('type' in node || '$ref' in node || 'const' in node)) return;
      for (const example of node.examples) {
        expect([at, validate(node, example)]).toEqual([at, []]);
        checked += 1;
      }
    });
    expect(checked).toBeGreaterThan(10);
  });
});

describe('the document says what the code does', () => {
  const schemas = (document.components as JsonObject).schemas as JsonObject;

  test('the slug parameter accepts exactly the slugs the share page reads', () => {
    const samples = ['a', '0', 'logistics-cloud-migration', '-', 'x'.repeat(200), 'x'.repeat(201), '', 'A', 'a_b', 'a.b', 'a~b', 'a/b', 'a b', 'caf\u00e9', 'a\n'];
    for (const slug of samples) {
      expect([slug, validate(schemas.CaseStudySlug!, slug).length === 0]).toEqual([slug, v.is(slugSchema, slug)]);
    }
  });

  test('the content parameters allow exactly what the content handlers read', () => {
    const parameters = (document.components as JsonObject).parameters as JsonObject;
    const { locales, defaultLocale, localeAliases } = DEFAULT_STAGE_CONFIG.content;
    const localeSchema = deref(parameters.Locale!).schema as JsonObject;
    const parser = localeParameter({ locales, defaultLocale, aliases: localeAliases });
    for (const locale of [...(localeSchema.enum as string[]), 'xx', 'EN', 'en,es', '']) {
      expect([locale, validate(localeSchema, locale).length === 0]).toEqual([locale, v.is(parser, locale)]);
    }
    expect(localeSchema.default).toBe(defaultLocale);

    const query = (path: string) => (((((document.paths as JsonObject)[path] as JsonObject).get as JsonObject).parameters as JsonValue[]).map(deref));
    const [page, pageSize] = query('/content/case-studies');
    for (const [documented, parser, max] of [[page!, pageParameter, MAX_PAGE], [pageSize!, pageSizeParameter, MAX_PAGE_SIZE]] as const) {
      const schema = documented.schema as JsonObject;
      expect([schema.minimum, schema.maximum]).toEqual([1, max]);
      expect([v.is(parser, '1'), v.is(parser, String(max)), v.is(parser, '0'), v.is(parser, String(max + 1))]).toEqual([true, true, false, false]);
      expect(v.parse(parser, undefined)).toBe(schema.default);
    }
  });

  test('the submission names every field the schema reads, plus the honeypot, with the required ones required', () => {
    const submission = schemas.ContactSubmission as JsonObject;
    const fields = Object.keys(submissionSchema.entries);
    expect(Object.keys(submission.properties as JsonObject).sort()).toEqual([...fields, 'website'].sort());
    expect(((submission.properties as JsonObject).interest as JsonObject).enum).toEqual([...INTERESTS]);

    const example = deref(((((document.paths as JsonObject)['/contact'] as JsonObject).post as JsonObject).requestBody as JsonObject)) as JsonObject;
    const site = (((example.content as JsonObject)['application/json'] as JsonObject).examples as JsonObject).site as JsonObject;
    expect(parseSubmission(site.value)).toMatchObject({ success: true, spam: false });

    // A field is required exactly when the form is refused without it.
    const refusedWithout = fields.filter((field) => {
      const { [field]: _left, ...rest } = site.value as JsonObject;
      const parsed = parseSubmission(rest);
      return !parsed.success && field in parsed.fields;
    });
    expect([...(submission.required as string[])].sort()).toEqual(refusedWithout.sort());
    // And an optional one may be null.
    for (const field of fields.filter((name) => !refusedWithout.includes(name))) {
      expect(parseSubmission({ ...(site.value as JsonObject), [field]: null })).toMatchObject({ success: true });
    }
    expect(parseSubmission({ ...(site.value as JsonObject), website: 'filled' })).toEqual({ success: true, spam: true });
  });

  test('the 400 names fields by their request names', () => {
    const invalid = validate(schemas.ContactInvalid!, { status: 'error', message: 'Invalid request', details: { fields: { emial: ['x'] } } });
    expect(invalid).not.toEqual([]);
    for (const field of Object.keys(submissionSchema.entries)) {
      expect(validate(schemas.ContactInvalid!, { status: 'error', message: 'Invalid request', details: { fields: { [field]: ['x'] } } })).toEqual([]);
    }
  });

  test('the envelope, the ids and the headers are those the handlers send', () => {
    const error = errorResponse(400, 'Invalid request', { fields: { email: ['Email is required'] } });
    expect(validate(schemas.ErrorEnvelope!, JSON.parse(error.body!))).toEqual([]);
    expect(Object.keys(JSON.parse(error.body!)).sort()).toEqual([...((schemas.ErrorEnvelope as JsonObject).required as string[])].sort());

    for (const id of [submissionId(undefined), submissionId('1733230000000-0.42')]) {
      expect(validate(schemas.ContactAccepted!, { status: 'ok', id })).toEqual([]);
    }

    const headers = (document.components as JsonObject).headers as JsonObject;
    const sent = htmlResponse(200, '', { ...SHARE_PAGE_HEADERS, 'cache-control': 'no-store' }).headers;
    const share = ((((document.paths as JsonObject)['/share/casestudies/{slug}'] as JsonObject).get as JsonObject).responses as JsonObject)['502'] as JsonObject;
    for (const [name, header] of Object.entries(share.headers as JsonObject)) {
      const value = sent[name.toLowerCase()];
      expect([name, value === undefined]).toEqual([name, false]);
      expect([name, validate((deref(header).schema ?? {}) as JsonObject, value!)]).toEqual([name, []]);
    }
    expect(jsonResponse(200, {}).headers['x-content-type-options']).toBe(((headers.XContentTypeOptions as JsonObject).schema as JsonObject).const);
  });
});
