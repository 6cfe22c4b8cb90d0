import { toJsonSchema, type ConversionConfig } from '@valibot/to-json-schema';
import * as path from 'node:path';
import type * as v from 'valibot';
import { version } from '../package.json';
import { readJsonBody, MAX_BODY_BYTES } from '../lambda/contact/request-body';
import { parseSubmission, submissionSchema } from '../lambda/contact/submission';
import { SHARE_PAGE_HEADERS } from '../lambda/share-case-study/page';
import { CAREERS, CASE_STUDIES, HISTORIES, HOME, LEGAL_PAGES, SERVICES, type ContentType } from '../lambda/content/content-types';
import { LEGAL_PAGE_NAMES, MAX_PAGE, MAX_PAGE_SIZE, pageParameter, parseParameters } from '../lambda/content/parameters';
import { MAX_SITEMAP_URLS } from '../lambda/content/sitemap';
import { slugSchema } from '../lambda/shared/slug';
import { DEFAULT_STAGE_CONFIG } from './config';
import { SERVICE_NAME } from './function-settings';
import { ROUTES, routePaths, type HttpMethod, type RouteDefinition } from './routes';

/**
 * The OpenAPI 3.1 document of every route in the route table, built from the
 * handlers' own valibot schemas (`@valibot/to-json-schema`, JSON Schema draft
 * 2020-12, the dialect of OpenAPI 3.1) plus what a schema cannot say, written
 * here by route id. `openapi.json` at the repository root is this document;
 * `npx tsx scripts/openapi.ts` writes it, and `test/openapi.test.ts` fails
 * when it is out of date or a route is missing.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Where the checked-in document lives. */
export const OPENAPI_FILE = path.join(__dirname, '..', 'openapi.json');

/** The command that rewrites {@link OPENAPI_FILE}; named in the test's failure message. */
export const REGENERATE_COMMAND = 'npx tsx scripts/openapi.ts';

const REF = {
  errorEnvelope: '#/components/schemas/ErrorEnvelope',
  gatewayMessage: '#/components/schemas/GatewayMessage',
  health: '#/components/schemas/Health',
  caseStudySlug: '#/components/schemas/CaseStudySlug',
  contactSubmission: '#/components/schemas/ContactSubmission',
  contactAccepted: '#/components/schemas/ContactAccepted',
  contactInvalid: '#/components/schemas/ContactInvalid',
  slugParameter: '#/components/parameters/CaseStudySlug',
  serviceSlugParameter: '#/components/parameters/ServiceSlug',
  localeParameter: '#/components/parameters/Locale',
  etag: '#/components/headers/ETag',
  contentCacheControl: '#/components/headers/ContentCacheControl',
  contentLanguage: '#/components/headers/ContentLanguage',
  contentInvalid: '#/components/schemas/ContentInvalid',
  pagination: '#/components/schemas/Pagination',
  noStore: '#/components/headers/CacheControlNoStore',
  nosniff: '#/components/headers/XContentTypeOptions',
  csp: '#/components/headers/ContentSecurityPolicy',
  referrerPolicy: '#/components/headers/ReferrerPolicy',
  robots: '#/components/headers/XRobotsTag',
  tooManyRequests: '#/components/responses/TooManyRequests',
  internalError: '#/components/responses/InternalServerError',
} as const;

const ref = (target: string): JsonObject => ({ $ref: target });

// ---------------------------------------------------------------------------
// Schemas generated from valibot
// ---------------------------------------------------------------------------

/** valibot → JSON Schema draft 2020-12, without the `$schema` key (OpenAPI 3.1's dialect is 2020-12 already). */
function fromValibot(schema: v.GenericSchema, config: Omit<ConversionConfig, 'target'> = {}): JsonObject {
  const { $schema: _dialect, ...jsonSchema } = toJsonSchema(schema, { ...config, target: 'draft-2020-12' }) as JsonObject;
  return jsonSchema;
}

/**
 * The submission's actions that JSON Schema cannot express: the trim, the
 * normalising transforms, the email and phone checks (raw transforms), the
 * control-character checks. Each field's description below says what they do.
 * Any other action that does not convert fails the generation, so a new rule
 * in `submission.ts` cannot silently go undocumented.
 */
const ACTIONS_DESCRIBED_BY_HAND = new Set(['trim', 'transform', 'raw_transform', 'check']);

const SUBMISSION_CONVERSION: Omit<ConversionConfig, 'target'> = {
  // Needed only for `interest`: a picklist after the string in one pipe, which the converter
  // reports as "multiple schemas" while still merging its `enum` into the string schema (what we
  // want). Every other conversion problem is caught by the two overrides and fails loudly.
  errorMode: 'ignore',
  overrideSchema: ({ valibotSchema, errors }) => {
    if (errors) throw new Error(`The contact submission's "${valibotSchema.type}" schema has no JSON Schema: ${errors.join(' ')}`);
    // `nullish(string(), '')`: a missing field or null reads as empty (see `trimmedString`). A plain
    // string here, so the string actions that follow apply to it; null is added back below for the
    // optional fields, the only ones where it is accepted.
    if (valibotSchema.type === 'nullish') return { type: 'string' };
    return undefined;
  },
  overrideAction: ({ valibotAction, jsonSchema, errors }) => {
    if (!errors) return undefined;
    // Lengths as people see them (grapheme clusters), which JSON Schema cannot count: kept as an extension keyword.
    if (valibotAction.type === 'max_graphemes' && 'requirement' in valibotAction) return { ...jsonSchema, 'x-maxGraphemes': valibotAction.requirement as number };
    if (ACTIONS_DESCRIBED_BY_HAND.has(valibotAction.type)) return jsonSchema;
    throw new Error(`The contact submission's "${valibotAction.type}" action has no JSON Schema: ${errors.join(' ')}`);
  },
};

type SubmissionField = keyof typeof submissionSchema.entries;

/** Whether a field's pipe refuses an empty value, which is how `submission.ts` makes a field required. */
function isRequiredField(field: SubmissionField): boolean {
  const actions = (function flatten(schema: v.GenericSchema): unknown[] {
    return 'pipe' in schema ? (schema.pipe as v.GenericSchema[]).flatMap((item) => flatten(item)) : [schema];
  })(submissionSchema.entries[field] as v.GenericSchema);
  return actions.some((item) => (item as { type?: string }).type === 'non_empty');
}

/** What each field's valibot rule does that JSON Schema cannot say, in the words of the README. */
const FIELD_NOTES: Record<SubmissionField, { readonly description: string; readonly examples: readonly string[] }> = {
  id: {
    description:
      'The site\u2019s own id for this submission. A retry of the same POST carries the same one and gets the same answer (one stored item, one email). ' +
      'Trimmed; at most 100 UTF-16 code units; no control characters. Missing, null or empty: the submission gets a new id.',
    examples: ['1733230000000-0.42'],
  },
  name: {
    description:
      'Trimmed; invisible formatting characters (zero-width spaces, direction overrides) are dropped and a tab or line break becomes a space. ' +
      'Then 1\u2013100 characters as people see them (grapheme clusters, `x-maxGraphemes`) and at most 800 UTF-16 code units (`maxLength`); no control characters.',
    examples: ['Ada Lovelace'],
  },
  companyName: {
    description:
      'Trimmed; invisible formatting characters are dropped and a tab or line break becomes a space. ' +
      'Then 1\u2013200 characters as people see them (grapheme clusters, `x-maxGraphemes`) and at most 1,600 UTF-16 code units (`maxLength`); no control characters.',
    examples: ['Analytical Engines Ltd'],
  },
  email: {
    description:
      'Trimmed, invisible formatting characters dropped; at most 254 UTF-16 code units, no spaces or control characters. ' +
      'Checked as leniently as the site checks it: `+` addressing and `xn--` domains are fine, and a Unicode domain is accepted and kept in Punycode. ' +
      'Refused only when it cannot receive mail for sure: not one `@`, no dot in the domain, an empty label, a trailing dot, a label over 63 or a domain over 253 characters, or a Unicode label with no Punycode form. ' +
      'No `format`: JSON Schema\u2019s `email` and `idn-email` formats are stricter than this rule.',
    examples: ['ada@example.com'],
  },
  phoneNumber: {
    description:
      'Trimmed; a valid phone number as libphonenumber-js reads it with its default metadata (the site\u2019s own check), with the country code or else read as British (GB). ' +
      'Spaces, dashes and brackets are allowed; no other text around the number. Stored in E.164.',
    examples: ['+447911123456', '07911 123456'],
  },
  interest: {
    description: 'Trimmed, then one of the site\u2019s options, spelled exactly as it sends them.',
    examples: ['Cloud'],
  },
  message: {
    description:
      'Trimmed; invisible formatting characters are dropped and line breaks (CRLF, CR, vertical tab, form feed) become `\\n`. ' +
      'Then at most 5,000 characters as people see them (grapheme clusters, `x-maxGraphemes`); tabs and line breaks are kept, other control characters refused. Missing, null or empty: no message.',
    examples: ['We would like to move our logistics platform to AWS.'],
  },
};

/** Every field of the submission, in the order of `submissionSchema`: valibot's conversion, plus the notes above. */
function contactSubmissionSchema(): JsonObject {
  const fields = Object.keys(submissionSchema.entries) as SubmissionField[];
  const properties: JsonObject = {};
  for (const field of fields) {
    const converted = fromValibot(submissionSchema.entries[field] as v.GenericSchema, SUBMISSION_CONVERSION);
    const { description, examples } = FIELD_NOTES[field];
    properties[field] = {
      ...converted,
      // Missing and null read as empty: a refusal for a required field, "none" for an optional one.
      ...(isRequiredField(field) ? {} : { type: ['string', 'null'] }),
      description,
      examples: [...examples],
    };
  }
  properties.website = {
    description:
      'The honeypot: the site\u2019s form has this field hidden, so people never fill it. Leave it out, null or empty (white space only counts as empty). ' +
      'Any other value, of any type, marks the submission as a bot\u2019s: the answer is the same 202 with an id, but nothing is read, stored or sent.',
    examples: [''],
  };
  return {
    type: 'object',
    description:
      `The contact form, as a JSON object in UTF-8 of at most ${MAX_BODY_BYTES} bytes. Every string is trimmed before its rules apply, so the lengths are those of the trimmed value. ` +
      'Unknown fields are ignored and not stored. Field rules JSON Schema cannot express (trimming, grapheme counts, the email and phone checks, control characters) are in each field\u2019s description; ' +
      'the rule is never stricter than the site\u2019s own checks.',
    required: fields.filter(isRequiredField),
    properties,
  };
}

// ---------------------------------------------------------------------------
// Schemas of the answers (the handlers build them as plain objects, so they are written here)
// ---------------------------------------------------------------------------

const SUBMISSION_FIELDS = Object.keys(submissionSchema.entries);

function componentSchemas(): JsonObject {
  return {
    ErrorEnvelope: {
      type: 'object',
      description: 'The error envelope of every JSON answer of the API\u2019s own (`lambda/shared/responses.ts`).',
      required: ['status', 'message', 'details'],
      properties: {
        status: { const: 'error' },
        message: { type: 'string', description: 'What went wrong, for people.' },
        details: {
          type: 'object',
          description: 'More about the error; `{}` when there is nothing more. The contact form\u2019s 400 has `fields`; a 500 has `requestId`.',
        },
      },
      additionalProperties: false,
    },
    GatewayMessage: {
      type: 'object',
      description: 'An answer of API Gateway itself, before (or instead of) a function: throttling, an unknown route, a function that failed.',
      required: ['message'],
      properties: { message: { type: 'string' } },
      additionalProperties: false,
    },
    Health: {
      type: 'object',
      required: ['status', 'service', 'version'],
      properties: {
        status: { const: 'ok' },
        service: { const: SERVICE_NAME },
        version: { type: 'string', description: 'The deployed version (`version` of package.json).', examples: [version] },
      },
      additionalProperties: false,
    },
    CaseStudySlug: {
      ...fromValibot(slugSchema),
      description: 'A case study\u2019s slug: lower-case letters, digits and hyphens, as the CMS\u2019s slugs are (`lambda/shared/slug.ts`).',
      examples: ['logistics-cloud-migration'],
    },
    ...contentSchemas(),
    ContactSubmission: contactSubmissionSchema(),
    ContactAccepted: {
      type: 'object',
      required: ['status', 'id'],
      properties: {
        status: { const: 'ok' },
        id: {
          type: 'string',
          description:
            'The submission id: 32 lower-case hex digits derived from the client\u2019s `id` (so a retry gets the same one), or a new ULID (26 upper-case Crockford base-32 characters) when there is none.',
          pattern: '^(?:[0-9a-f]{32}|[0-9A-HJKMNP-TV-Z]{26})$',
        },
      },
      additionalProperties: false,
    },
    ContactInvalid: {
      description: 'The envelope of a refused submission: with `details.fields` when fields are invalid, `details` empty when the body is not a JSON object.',
      allOf: [
        ref(REF.errorEnvelope),
        {
          properties: {
            details: {
              type: 'object',
              properties: {
                fields: {
                  type: 'object',
                  description: 'Every invalid field by its request name, with every reason.',
                  propertyNames: { enum: SUBMISSION_FIELDS },
                  additionalProperties: { type: 'array', items: { type: 'string' }, minItems: 1 },
                },
              },
            },
          },
        },
      ],
    },
  };
}

// ---------------------------------------------------------------------------
// Examples, made by the contact form's own code so they say what it says
// ---------------------------------------------------------------------------

const EXAMPLE_SUBMISSION = {
  id: '1733230000000-0.42',
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  companyName: 'Analytical Engines Ltd',
  phoneNumber: '+447911123456',
  interest: 'Cloud',
} as const;

function envelope(message: string, details: JsonObject = {}): JsonObject {
  return { status: 'error', message, details };
}

function bodyRefusal(body: string, contentType = 'application/json'): JsonObject {
  const read = readJsonBody({ body, isBase64Encoded: false, contentType });
  if (read.kind === 'json') throw new Error(`Expected a refusal of ${JSON.stringify(body)}`);
  return envelope(read.message);
}

function invalidFieldsExample(): JsonObject {
  const parsed = parseSubmission({ ...EXAMPLE_SUBMISSION, email: 'ada@example', phoneNumber: '12345', interest: 'Marketing' });
  if (parsed.success) throw new Error('Expected the invalid example submission to be refused');
  return envelope('Invalid request', { fields: parsed.fields });
}

// ---------------------------------------------------------------------------
// Operations, by route id
// ---------------------------------------------------------------------------

type Responses = Record<string, JsonObject>;

interface OperationDescription {
  readonly description: string;
  readonly parameters?: readonly JsonObject[];
  readonly requestBody?: JsonObject;
  /** The GET (or POST) answers; a HEAD gets the same statuses and headers without content. */
  readonly responses: Responses;
}

interface RouteDocumentation {
  /** What a client of each of the route's paths should know; the route table's `description` is the summary. */
  readonly pathNotes?: Readonly<Record<string, string>>;
  readonly operation: (method: HttpMethod) => OperationDescription;
}

function json(schema: JsonObject, examples?: Record<string, JsonValue>): JsonObject {
  return {
    'application/json': {
      schema,
      ...(examples ? { examples: Object.fromEntries(Object.entries(examples).map(([name, value]) => [name, { value }])) } : {}),
    },
  };
}

const html = (description: string): JsonObject => ({ 'text/html': { schema: { type: 'string', description } } });

function cacheControl(description: string, example: string): JsonObject {
  return { description, schema: { type: 'string' }, example };
}

const SHARE_PAGE_RESPONSE_HEADERS = {
  'Content-Security-Policy': ref(REF.csp),
  'Referrer-Policy': ref(REF.referrerPolicy),
  'X-Robots-Tag': ref(REF.robots),
  'X-Content-Type-Options': ref(REF.nosniff),
};

const JSON_ERROR_HEADERS = { 'Cache-Control': ref(REF.noStore), 'X-Content-Type-Options': ref(REF.nosniff) };

const { sharePageTtlSeconds, sharePageNotFoundTtlSeconds } = DEFAULT_STAGE_CONFIG.cache;

// ---------------------------------------------------------------------------
// Content routes: Strapi v4's envelope, the fields of each type (`lambda/content/content-types.ts`)
// ---------------------------------------------------------------------------

const CONTENT = DEFAULT_STAGE_CONFIG.content;

/** The content types by the name of their entry schema. */
const CONTENT_TYPES: Readonly<Record<string, ContentType>> = {
  CaseStudy: CASE_STUDIES,
  Service: SERVICES,
  History: HISTORIES,
  LegalPage: LEGAL_PAGES,
  Career: CAREERS,
  HomeContent: HOME,
};

const entrySchemaRef = (name: string) => `#/components/schemas/${name}Entry`;

function contentSchemas(): JsonObject {
  const entries = Object.fromEntries(
    Object.entries(CONTENT_TYPES).map(([name, type]) => [
      `${name}Entry`,
      {
        type: 'object',
        description:
          `An entry of \`/api/${type.path}\` in Strapi v4\u2019s shape, whichever Strapi version is behind. Only these attributes are answered (any other field, such as \`createdBy\`, is dropped); ` +
          'media, components and relations only where the route populates them. Media URLs are absolute; HTML the site inserts is sanitised.',
        required: ['id', 'attributes'],
        properties: {
          id: { type: 'integer' },
          attributes: { type: 'object', properties: Object.fromEntries(Object.keys(type.fields).map((field) => [field, {}])), additionalProperties: false },
        },
        additionalProperties: false,
      },
    ]),
  );
  return {
    ...entries,
    Pagination: {
      type: 'object',
      required: ['page', 'pageSize', 'pageCount', 'total'],
      properties: { page: { type: 'integer' }, pageSize: { type: 'integer' }, pageCount: { type: 'integer' }, total: { type: 'integer' } },
      additionalProperties: false,
    },
    ContentInvalid: {
      description: 'The envelope of refused query parameters: every bad one (or unknown one) by name, with what is wrong.',
      allOf: [
        ref(REF.errorEnvelope),
        {
          properties: {
            details: {
              type: 'object',
              properties: { parameters: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' }, minItems: 1 } } },
            },
          },
        },
      ],
    },
  };
}

function collectionOf(name: string): JsonObject {
  return {
    type: 'object',
    required: ['data', 'meta'],
    properties: { data: { type: 'array', items: ref(entrySchemaRef(name)) }, meta: { type: 'object', required: ['pagination'], properties: { pagination: ref(REF.pagination) } } },
    additionalProperties: false,
  };
}

function singleOf(name: string): JsonObject {
  return { type: 'object', required: ['data', 'meta'], properties: { data: ref(entrySchemaRef(name)), meta: { type: 'object' } }, additionalProperties: false };
}

/** A 400 example made by the parameter parser itself, so it says what the handlers say. */
function repeatedPageExample(): JsonObject {
  const parsed = parseParameters({ page: pageParameter }, { page: '2,3' });
  if (parsed.success) throw new Error('Expected page=2,3 to be refused');
  return envelope('Invalid query parameters: page', { parameters: parsed.problems });
}

interface ContentOperation {
  readonly description: string;
  readonly parameters?: readonly JsonObject[];
  /** The answer's content, by media type. */
  readonly content: JsonObject;
  /** Whether the answer says its locale (`Content-Language`). */
  readonly localized: boolean;
  /** What a 404 means, for a route that names one entry. */
  readonly notFound?: string;
}


const VARY_ORIGIN = { description: 'A cached copy is for the origin it was asked from: CORS headers are added for allowed origins only.', schema: { const: 'Origin' } };

function contentOperation(described: ContentOperation): OperationDescription {
  const headers = {
    ETag: ref(REF.etag),
    'Cache-Control': ref(REF.contentCacheControl),
    Vary: VARY_ORIGIN,
    ...(described.localized ? { 'Content-Language': ref(REF.contentLanguage) } : {}),
  };
  return {
    description:
      `${described.description} Asked of the CMS by the backend, with a query it builds from these parameters only; any other query parameter is refused. ` +
      'Cached per warm function for the route\u2019s TTL; when the CMS fails, the last good copy is served rather than an error.',
    parameters: described.parameters,
    responses: {
      200: { description: 'The content (also a stale copy while the CMS fails, then with a short `Cache-Control`).', headers: { ...headers, 'X-Content-Type-Options': ref(REF.nosniff) }, content: described.content },
      304: { description: 'The `If-None-Match` names this answer\u2019s ETag: not modified, no body.', headers },
      400: {
        description: 'A query parameter the route does not take, or a bad value (a repeated one arrives joined with commas, and is refused).',
        headers: JSON_ERROR_HEADERS,
        content: json(ref(REF.contentInvalid), { repeated: repeatedPageExample() }),
      },
      ...(described.notFound
        ? { 404: { description: described.notFound, headers: { 'Cache-Control': ref(REF.contentCacheControl), Vary: VARY_ORIGIN, 'X-Content-Type-Options': ref(REF.nosniff) }, content: json(ref(REF.errorEnvelope)) } }
        : {}),
      502: {
        description: 'The CMS failed (timeout, network, an error status, an unreadable answer) and there is no copy to serve. Never a 404.',
        headers: JSON_ERROR_HEADERS,
        content: json(ref(REF.errorEnvelope), { unavailable: envelope('The content is unavailable just now; please try again shortly') }),
      },
    },
  };
}

function queryParameter(name: string, description: string, schema: JsonObject): JsonObject {
  return { name, in: 'query', required: false, description, schema };
}

const PAGE = queryParameter('page', 'The page of case studies, from 1.', { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 });
const PAGE_SIZE = queryParameter('pageSize', `Case studies per page (Strapi\u2019s maximum; the site asks for ${MAX_PAGE_SIZE}).`, { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: MAX_PAGE_SIZE });
const NAV = queryParameter('nav', '`true`: only the services the navigation shows; `false`: only the others. Absent: all.', { type: 'boolean' });
const LEGAL_PAGE = { name: 'page', in: 'path', required: true, description: 'Which legal page. Any other value is a 404 at once, without a CMS call.', schema: { enum: [...LEGAL_PAGE_NAMES] } };

const CONTENT_ROUTE_DOCUMENTATION: Readonly<Record<string, RouteDocumentation>> = {
  ContentHome: {
    operation: () =>
      contentOperation({
        description: 'The home page (`home-content`, a single type) with its solutions\u2019 icons, featured services and technologies\u2019 icons.',
        parameters: [ref(REF.localeParameter)],
        content: json(singleOf('HomeContent')),
        localized: true,
      }),
  },
  ContentHistories: {
    operation: () => contentOperation({ description: 'The about page\u2019s milestones (`histories`), up to 100.', parameters: [ref(REF.localeParameter)], content: json(collectionOf('History')), localized: true }),
  },
  ContentLegalPage: {
    operation: () =>
      contentOperation({
        description: 'One legal page (`privacies` by `title`): its title and headed sections, whose HTML is sanitised. A list of one entry, as the site reads it.',
        parameters: [LEGAL_PAGE, ref(REF.localeParameter)],
        content: json(collectionOf('LegalPage')),
        localized: true,
        notFound: 'The CMS has no such page in the asked locale or the default one, or the page is not one of the legal pages (then the CMS is not asked).',
      }),
  },
  ContentServices: {
    operation: () => contentOperation({ description: 'The services (`services`), up to 100, without their images and modules.', parameters: [NAV, ref(REF.localeParameter)], content: json(collectionOf('Service')), localized: true }),
  },
  ContentService: {
    operation: () =>
      contentOperation({
        description: 'One service page (`services` by slug) with its images and modules; markup in the modules\u2019 data is sanitised and unsafe links are nulled. A list of one entry.',
        parameters: [ref(REF.serviceSlugParameter), ref(REF.localeParameter)],
        content: json(collectionOf('Service')),
        localized: true,
        notFound: 'No service has this slug in the asked locale or the default one, or the slug is not one the CMS could hold (then the CMS is not asked).',
      }),
  },
  ContentCaseStudies: {
    operation: () =>
      contentOperation({
        description: 'Case studies (`blogs`), newest first (`date`), with their images and sections.',
        parameters: [PAGE, PAGE_SIZE],
        content: json(collectionOf('CaseStudy')),
        localized: false,
      }),
  },
  ContentCaseStudy: {
    operation: () =>
      contentOperation({
        description: 'One case study (`blogs` by slug) with its image and sections, whose HTML is sanitised. A list of one entry, as the site reads it.',
        parameters: [ref(REF.slugParameter)],
        content: json(collectionOf('CaseStudy')),
        localized: false,
        notFound: 'No case study has this slug, or the slug is not one the CMS could hold (then the CMS is not asked).',
      }),
  },
  ContentCareers: {
    operation: () => contentOperation({ description: 'The open positions (`careers`, with their `career` component), up to 100.', content: json(collectionOf('Career')), localized: false }),
  },
  Sitemap: {
    operation: () =>
      contentOperation({
        description:
          `The site\u2019s sitemap (sitemaps.org 0.9, UTF-8): its static pages, then every case study and every service (default locale) with \`lastmod\` from \`updatedAt\`; at most ${MAX_SITEMAP_URLS} URLs, all on the stage\u2019s \`siteUrl\`.`,
        content: { 'application/xml': { schema: { type: 'string', description: 'A `urlset` document.' } } },
        localized: false,
      }),
  },
};

/** The per-route descriptions, keyed by the route table's ids; the test fails on a route without one or an id without a route. */
export const ROUTE_DOCUMENTATION: Readonly<Record<string, RouteDocumentation>> = {
  Health: {
    operation: () => ({
      description: 'For uptime monitors: answers without reading the CMS or the store, so a 200 says the gateway and a function of this API answer.',
      responses: {
        200: {
          description: 'Up.',
          headers: { 'Cache-Control': ref(REF.noStore), 'X-Content-Type-Options': ref(REF.nosniff) },
          content: json(ref(REF.health), { up: { status: 'ok', service: SERVICE_NAME, version } }),
        },
      },
    }),
  },
  ShareCaseStudy: {
    operation: (method) => ({
      description:
        (method === 'HEAD' ? 'Unfurlers probe with HEAD before they GET (the gateway sets `Content-Length` from the empty body). ' : '') +
        'A server-rendered page of Open Graph and Twitter tags for social networks\u2019 crawlers, which do not run the site\u2019s JavaScript; ' +
        'people are sent on to the site\u2019s case study page by a script and a visible link (never a redirect). ' +
        'Read from the CMS and cached per slug for a few minutes; when the CMS fails, the last good copy is served.',
      parameters: [ref(REF.slugParameter)],
      responses: {
        200: {
          description: `The case study\u2019s share page (also a stale copy while the CMS fails, then cached for the not-found TTL only).`,
          headers: {
            'Cache-Control': cacheControl(
              `\`public, max-age=N, s-maxage=N\`: N is the stage\u2019s \`sharePageTtlSeconds\` (default ${sharePageTtlSeconds}), or \`sharePageNotFoundTtlSeconds\` (default ${sharePageNotFoundTtlSeconds}) for a stale copy.`,
              `public, max-age=${sharePageTtlSeconds}, s-maxage=${sharePageTtlSeconds}`,
            ),
            ...SHARE_PAGE_RESPONSE_HEADERS,
          },
          content: html('The share page (UTF-8).'),
        },
        404: {
          description: 'No case study has this slug, or the slug is not one the CMS could hold (then the CMS is not asked). Never answered when the CMS fails.',
          headers: {
            'Cache-Control': cacheControl(
              `\`public, max-age=N, s-maxage=N\`: N is the stage\u2019s \`sharePageNotFoundTtlSeconds\` (default ${sharePageNotFoundTtlSeconds}).`,
              `public, max-age=${sharePageNotFoundTtlSeconds}, s-maxage=${sharePageNotFoundTtlSeconds}`,
            ),
            ...SHARE_PAGE_RESPONSE_HEADERS,
          },
          content: html('A "Case study not found" page linking to the site\u2019s case studies (UTF-8).'),
        },
        502: {
          description: 'The CMS failed (timeout, network, an error status, an unreadable answer) and there is no copy of the page to serve.',
          headers: { 'Cache-Control': ref(REF.noStore), ...SHARE_PAGE_RESPONSE_HEADERS },
          content: html('A "Case study temporarily unavailable" page linking to the case study on the site (UTF-8).'),
        },
      },
    }),
  },
  Contact: {
    pathNotes: {
      '/sendContactUsMail': 'The address the live site already posts its form to.',
      '/contact': 'The same function under a clean name.',
    },
    operation: () => ({
      description:
        'Stores a submission durably, then answers; the email to sales is sent by the scheduled mailer, never in the request. ' +
        'Called from browsers with a CORS preflight (answered by the gateway for the configured origins).',
      requestBody: {
        required: true,
        description:
          `A JSON object of at most ${MAX_BODY_BYTES} bytes. The content type must be \`application/json\` or any \`application/*+json\`, with any \`charset\` (the body is read as UTF-8 whatever it says); ` +
          'a body API Gateway base64-encodes is decoded first.',
        content: json(ref(REF.contactSubmission), { site: { ...EXAMPLE_SUBMISSION } }),
      },
      responses: {
        202: {
          description:
            'Stored (or already stored by a retry with the same `id`: the same id again). A filled honeypot gets a 202 too, and nothing is stored or sent.',
          headers: { 'Cache-Control': ref(REF.noStore), 'X-Content-Type-Options': ref(REF.nosniff) },
          content: json(ref(REF.contactAccepted), { stored: { status: 'ok', id: '0f3c9f3ab6d8b9f0e2f1c4a7d5e6b3a2' } }),
        },
        400: {
          description: 'Invalid fields (every bad field named, with every reason), or a body that is empty, not UTF-8, not JSON, or JSON that is not an object.',
          headers: JSON_ERROR_HEADERS,
          content: json(ref(REF.contactInvalid), {
            invalidFields: invalidFieldsExample(),
            emptyBody: bodyRefusal(''),
            notJson: bodyRefusal('name=Ada'),
            notAnObject: bodyRefusal('[]'),
          }),
        },
        413: {
          description: `A body over ${MAX_BODY_BYTES} bytes (decoded): a 5,000-character message in Latin script fits, 5,000 emoji do not.`,
          headers: JSON_ERROR_HEADERS,
          content: json(ref(REF.errorEnvelope), { tooLarge: bodyRefusal('x'.repeat(MAX_BODY_BYTES + 1)) }),
        },
        415: {
          description: 'A content type that is not JSON, or none: a typeless body is what another site could post without a preflight.',
          headers: JSON_ERROR_HEADERS,
          content: json(ref(REF.errorEnvelope), { notJson: bodyRefusal('{}', 'text/plain') }),
        },
        503: {
          description: 'The store could not be reached: nothing claims the submission was kept, so the client may send it again.',
          headers: JSON_ERROR_HEADERS,
          // The handler's own words (`lambda/contact/handler.ts`, which reads its environment when it loads).
          content: json(ref(REF.errorEnvelope), { storeDown: envelope('The contact form is unavailable just now; please try again shortly') }),
        },
      },
    }),
  },
  ...CONTENT_ROUTE_DOCUMENTATION,
};

// ---------------------------------------------------------------------------
// The document
// ---------------------------------------------------------------------------

const HTTP_METHODS_IN_OPENAPI: Record<HttpMethod, string> = { GET: 'get', HEAD: 'head', POST: 'post', PUT: 'put', PATCH: 'patch', DELETE: 'delete' };

function pascalCase(text: string): string {
  return text.replace(/(^|[^A-Za-z0-9])([A-Za-z0-9])/g, (_match, _separator, letter: string) => letter.toUpperCase());
}

/** `getHealth`, `headShareCaseStudy`, `postContact`; an alias adds its path: `postContactViaSendContactUsMail`. */
function operationId(route: RouteDefinition, method: HttpMethod, routePath: string): string {
  const base = `${method.toLowerCase()}${route.id}`;
  return routePath === route.path ? base : `${base}Via${pascalCase(routePath.replace(/[{}]/g, ''))}`;
}

function throttleNote(route: RouteDefinition): string {
  return route.throttle
    ? `Over this route\u2019s throttle (${route.throttle.rateLimit} requests a second, burst ${route.throttle.burstLimit}, for each of its route keys, shared by every client)`
    : 'Over the stage\u2019s throttle';
}

function operation(route: RouteDefinition, method: HttpMethod, routePath: string, documentation: RouteDocumentation): JsonObject {
  const described = documentation.operation(method);
  const throttled = `${throttleNote(route)}: API Gateway answers \`{"message":"Too Many Requests"}\` without calling the function.`;
  const responses: Responses =
    method === 'HEAD'
      ? {
          // A HEAD answer has the GET's status and headers, and no body (so no shared response with content).
          ...withoutContent(described.responses),
          429: { description: throttled },
          500: { description: INTERNAL_SERVER_ERROR.description },
        }
      : { ...described.responses, 429: { $ref: REF.tooManyRequests, description: throttled }, 500: ref(REF.internalError) };
  const notes = [
    ...(method === 'HEAD' ? ['The same status and headers as the GET, without a body.'] : []),
    ...(documentation.pathNotes?.[routePath] ? [documentation.pathNotes[routePath]] : []),
  ];
  return {
    operationId: operationId(route, method, routePath),
    tags: [route.id],
    summary: route.description,
    description: [...notes, described.description].join(' '),
    ...(described.parameters ? { parameters: [...described.parameters] } : {}),
    ...(described.requestBody ? { requestBody: described.requestBody } : {}),
    responses,
  };
}

function withoutContent(responses: Responses): Responses {
  return Object.fromEntries(
    Object.entries(responses).map(([status, response]) => {
      const { content: _content, ...rest } = response;
      return [status, rest];
    }),
  );
}

const TOO_MANY_REQUESTS = {
  description: 'Over the throttle: API Gateway answers without calling the function.',
  content: json(ref(REF.gatewayMessage), { throttled: { message: 'Too Many Requests' } }),
} satisfies JsonObject;

const INTERNAL_SERVER_ERROR = {
  description:
    'An error the function did not expect: the envelope with the request id in `details.requestId` (logged with it). ' +
    'When the function itself fails (a crash or its timeout), API Gateway answers `{"message":"Internal Server Error"}` instead.',
  content: json(
    { anyOf: [ref(REF.errorEnvelope), ref(REF.gatewayMessage)] },
    {
      unexpected: envelope('Internal server error', { requestId: 'JZgDmjsQoAMEVzA=' }),
      functionFailed: { message: 'Internal Server Error' },
    },
  ),
} satisfies JsonObject;

function components(): JsonObject {
  return {
    schemas: componentSchemas(),
    parameters: {
      CaseStudySlug: {
        name: 'slug',
        in: 'path',
        required: true,
        description: 'The case study\u2019s slug. A value that does not match is answered with the not-found page (404) at once, without a CMS call.',
        schema: ref(REF.caseStudySlug),
      },
      ServiceSlug: {
        name: 'slug',
        in: 'path',
        required: true,
        description: 'The service’s slug. A value that does not match is a 404 at once, without a CMS call.',
        schema: ref(REF.caseStudySlug),
      },
      Locale: {
        name: 'locale',
        in: 'query',
        required: false,
        description:
          `The locale to answer in (the stage’s \`content.locales\`; an alias answers as its locale). When the content has no version in it, the default locale’s is answered, and \`Content-Language\` says so.`,
        schema: { enum: [...CONTENT.locales, ...Object.keys(CONTENT.localeAliases)], default: CONTENT.defaultLocale },
      },
    },
    headers: {
      ETag: { description: 'A strong tag of the body (its SHA-256), the same in every function container: send it back in `If-None-Match` for a 304.', schema: { type: 'string' } },
      ContentCacheControl: {
        description:
          `\`public, max-age=M, s-maxage=T, stale-while-revalidate=S\`: T is the route’s TTL (\`content.ttlSeconds\`, default ${CONTENT.ttlSeconds}, or its \`content.routeTtlSeconds\`), M the lesser of T and 60, S \`content.staleWhileRevalidateSeconds\` (default ${CONTENT.staleWhileRevalidateSeconds}). ` +
          `A stale copy and a 404: \`public, max-age=N, s-maxage=N\`, N \`content.notFoundTtlSeconds\` (default ${CONTENT.notFoundTtlSeconds}).`,
        schema: { type: 'string' },
        example: `public, max-age=60, s-maxage=${CONTENT.ttlSeconds}, stale-while-revalidate=${CONTENT.staleWhileRevalidateSeconds}`,
      },
      ContentLanguage: { description: 'The locale of the answer: the asked one, or the default one when the content has no version in the asked one.', schema: { type: 'string' }, example: CONTENT.defaultLocale },
      CacheControlNoStore: { description: 'Never cached.', schema: { const: 'no-store' } },
      XContentTypeOptions: { description: 'On every answer of the API\u2019s own.', schema: { const: 'nosniff' } },
      ContentSecurityPolicy: {
        description: 'Nothing loads or runs but the page\u2019s one script (by its hash), which sends people on to the site.',
        schema: { const: SHARE_PAGE_HEADERS['content-security-policy'] },
      },
      ReferrerPolicy: { schema: { const: SHARE_PAGE_HEADERS['referrer-policy'] } },
      XRobotsTag: { description: 'Share pages are never indexed.', schema: { const: SHARE_PAGE_HEADERS['x-robots-tag'] } },
    },
    responses: { TooManyRequests: TOO_MANY_REQUESTS, InternalServerError: INTERNAL_SERVER_ERROR },
  };
}

/** The OpenAPI 3.1 document of every route key in {@link ROUTES}. */
export function buildOpenApiDocument(routes: readonly RouteDefinition[] = ROUTES): JsonObject {
  const undocumented = routes.filter((route) => !ROUTE_DOCUMENTATION[route.id]).map((route) => route.id);
  if (undocumented.length > 0) throw new Error(`Routes without OpenAPI documentation in lib/openapi.ts: ${undocumented.join(', ')}`);
  const paths: JsonObject = {};
  for (const route of routes) {
    const documentation = ROUTE_DOCUMENTATION[route.id]!;
    for (const routePath of routePaths(route)) {
      const item = (paths[routePath] ??= {}) as JsonObject;
      for (const method of route.methods) item[HTTP_METHODS_IN_OPENAPI[method]] = operation(route, method, routePath, documentation);
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Marchcroft API',
      version,
      summary: 'The serverless backend of marchcroft.com.',
      description:
        'An Amazon API Gateway HTTP API. Every route is in `lib/routes.ts`; this document is generated from it and from the handlers\u2019 valibot schemas by `lib/openapi.ts` ' +
        `(\`${REGENERATE_COMMAND}\`): do not edit it by hand. ` +
        'CORS preflights are answered by the gateway for the stage\u2019s allowed origins. Any other route gets the gateway\u2019s 404 `{"message":"Not Found"}`; ' +
        'every route is throttled (a stage default, lower for some routes), and over it the gateway answers 429 `{"message":"Too Many Requests"}`. ' +
        'JSON errors of the API\u2019s own use the envelope `{"status":"error","message":"...","details":{}}`.',
    },
    servers: [
      {
        url: 'https://api.marchcroft.com',
        description:
          'Production, on its intended custom domain. Until the domain is mapped to the prod stage, use the stack\u2019s `ApiUrl` output (the execute-api URL), which keeps working beside it.',
      },
      { url: 'http://localhost:3000', description: '`npm start`: the dev stage on an embedded content server and local AWS stand-ins.' },
    ],
    tags: routes.map((route) => ({ name: route.id, description: route.description })),
    paths,
    components: components(),
  };
}

/** Objects with their keys sorted, at every depth (arrays keep their order), so the file never changes by accident. */
export function sortKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys(value[key]!)]),
  );
}

/** The document as it is checked in: sorted keys, two-space indent, a final newline. */
export function renderOpenApiDocument(document: JsonObject = buildOpenApiDocument()): string {
  return `${JSON.stringify(sortKeys(document), null, 2)}\n`;
}
