import * as v from 'valibot';
import { slugSchema } from '../shared/slug';

/**
 * The parameters content routes take, as valibot schemas of the strings API
 * Gateway hands over. Plain data, so the OpenAPI document is generated from
 * them without loading a handler. API Gateway joins a repeated query
 * parameter with commas (`page=2&page=3` arrives as `2,3`); no schema here
 * accepts a comma, so a repeated parameter is refused rather than half-read.
 */

/** The locales the site offers, and what `locale` may be. */
export interface LocaleSettings {
  /** Every locale the CMS is asked for. */
  readonly locales: readonly string[];
  /** The locale answered when none is asked for, or when the asked one has no version. */
  readonly defaultLocale: string;
  /** Other names a client may use for a locale, e.g. `{ gr: 'el' }`. */
  readonly aliases: Readonly<Record<string, string>>;
}

export const MAX_PAGE_SIZE = 100;
/** Far past any page the CMS has; bounds the cache keys a client can make. */
export const MAX_PAGE = 1000;

function wholeNumber(max: number, fallback: number) {
  const message = `must be a whole number from 1 to ${max}`;
  return v.optional(v.pipe(v.string(), v.regex(/^[1-9][0-9]{0,5}$/, message), v.transform(Number), v.maxValue(max, message)), String(fallback));
}

export const pageParameter = wholeNumber(MAX_PAGE, 1);
/** The site asks for 100 case studies, Strapi's maximum, so that is also the default. */
export const pageSizeParameter = wholeNumber(MAX_PAGE_SIZE, MAX_PAGE_SIZE);

export const navParameter = v.optional(v.pipe(v.picklist(['true', 'false'], 'must be true or false'), v.transform((value) => value === 'true')));

/** `locale`: one of the configured locales or an alias of one, answered as the locale itself; the default when absent. */
export function localeParameter(settings: LocaleSettings) {
  const names = [...settings.locales, ...Object.keys(settings.aliases)];
  const aliases = Object.entries(settings.aliases).map(([alias, locale]) => `${alias} for ${locale}`);
  return v.optional(
    v.pipe(
      v.picklist(names, `must be one of ${settings.locales.join(', ')}${aliases.length > 0 ? ` (or ${aliases.join(', ')})` : ''}`),
      v.transform((name) => (Object.hasOwn(settings.aliases, name) ? settings.aliases[name]! : name)),
    ),
    settings.defaultLocale,
  );
}

/** A slug in a path: a case study's or a service's. */
export const slugParameter = slugSchema;

/** The legal pages, by the `title` the CMS tells them apart with. */
export const LEGAL_PAGE_NAMES = ['privacy', 'terms-of-service', 'cookie-policy'] as const;
export type LegalPageName = (typeof LEGAL_PAGE_NAMES)[number];
export const legalPageParameter = v.picklist(LEGAL_PAGE_NAMES);

export type ParameterSchemas = Readonly<Record<string, v.GenericSchema<string | undefined, unknown>>>;

export type ParsedParameters<Schemas extends ParameterSchemas> = { -readonly [Name in keyof Schemas]: v.InferOutput<Schemas[Name]> };

export type ParameterParse<Schemas extends ParameterSchemas> =
  | { readonly success: true; readonly parameters: ParsedParameters<Schemas> }
  /** Every bad parameter by name, with what is wrong: the 400 envelope's `details.parameters`. */
  | { readonly success: false; readonly problems: Record<string, string[]> };

/**
 * Reads parameters by name from what API Gateway handed over (query string
 * or path parameters). A name the route does not take is a problem too.
 */
export function parseParameters<Schemas extends ParameterSchemas>(schemas: Schemas, given: Readonly<Record<string, string | undefined>> | undefined): ParameterParse<Schemas> {
  const values = given ?? {};
  const problems: Record<string, string[]> = Object.create(null);
  const taken = Object.keys(schemas);
  for (const name of Object.keys(values)) {
    if (!Object.hasOwn(schemas, name)) {
      problems[name] = [taken.length > 0 ? `is not a parameter of this route, which takes ${taken.join(', ')}` : 'is not a parameter of this route, which takes none'];
    }
  }
  const parameters: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(schemas)) {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    const result = v.safeParse(schema, value);
    if (result.success) parameters[name] = result.output;
    else problems[name] = [result.issues[0].message + (value?.includes(',') ? ' (and given once: a repeated parameter arrives joined with commas)' : '')];
  }
  return Object.keys(problems).length > 0 ? { success: false, problems } : { success: true, parameters: parameters as ParsedParameters<Schemas> };
}
