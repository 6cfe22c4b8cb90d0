import {
  LEGAL_PAGE_NAMES,
  legalPageParameter,
  localeParameter,
  MAX_PAGE,
  MAX_PAGE_SIZE,
  navParameter,
  pageParameter,
  pageSizeParameter,
  parseParameters,
  slugParameter,
} from '../../../lambda/content/parameters';

const LOCALES = { locales: ['en', 'es', 'el'], defaultLocale: 'en', aliases: { gr: 'el' } };
const LISTING = { page: pageParameter, pageSize: pageSizeParameter, nav: navParameter, locale: localeParameter(LOCALES) };
const REPEATED_HINT = ' (and given once: a repeated parameter arrives joined with commas)';

/** Query parameters as the Lambda runtime hands them over: parsed from JSON, so `__proto__` is a name like any other. */
const given = (json: string): Record<string, string> => JSON.parse(json);

describe('parseParameters', () => {
  it('applies every default when nothing is given', () => {
    expect(parseParameters(LISTING, undefined)).toEqual({ success: true, parameters: { page: 1, pageSize: MAX_PAGE_SIZE, nav: undefined, locale: 'en' } });
    expect(parseParameters(LISTING, {})).toEqual(parseParameters(LISTING, undefined));
  });

  it('reads given values as their types', () => {
    expect(parseParameters(LISTING, { page: '3', pageSize: '25', nav: 'false', locale: 'es' })).toEqual({
      success: true,
      parameters: { page: 3, pageSize: 25, nav: false, locale: 'es' },
    });
  });

  it('reads a parameter that is present but undefined as absent', () => {
    expect(parseParameters(LISTING, { page: undefined })).toMatchObject({ success: true, parameters: { page: 1 } });
  });

  it('refuses a name the route does not take, saying which it takes', () => {
    expect(parseParameters(LISTING, { page: '2', sort: 'date' })).toEqual({
      success: false,
      problems: { sort: ['is not a parameter of this route, which takes page, pageSize, nav, locale'] },
    });
  });

  it('refuses any name on a route that takes none', () => {
    expect(parseParameters({}, { page: '1' })).toEqual({ success: false, problems: { page: ['is not a parameter of this route, which takes none'] } });
    expect(parseParameters({}, undefined)).toEqual({ success: true, parameters: {} });
  });

  it.each(['__proto__', 'constructor', 'hasOwnProperty', 'toString'])('refuses %j as a parameter name', (name) => {
    const result = parseParameters(LISTING, given(`{"${name}": "1"}`));
    expect(result.success).toBe(false);
    expect(result.success ? [] : Object.keys(result.problems)).toEqual([name]);
  });

  it('lists every problem at once, by name', () => {
    const result = parseParameters(LISTING, { page: '0', pageSize: '101', nav: 'yes', locale: 'fr', extra: 'x' });
    expect(result.success ? [] : Object.keys(result.problems).sort()).toEqual(['extra', 'locale', 'nav', 'page', 'pageSize']);
  });

  it.each([
    ['page', '2,3', `must be a whole number from 1 to ${MAX_PAGE}`],
    ['pageSize', '10,20', `must be a whole number from 1 to ${MAX_PAGE_SIZE}`],
    ['locale', 'en,es', 'must be one of en, es, el (or gr for el)'],
    ['nav', 'true,true', 'must be true or false'],
  ])('refuses the repeated %s=%s, hinting that it must be given once', (name, value, message) => {
    expect(parseParameters(LISTING, { [name]: value })).toEqual({ success: false, problems: { [name]: [message + REPEATED_HINT] } });
  });

  it('does not hint at repetition for a bad value without a comma', () => {
    expect(parseParameters(LISTING, { page: 'x' })).toEqual({ success: false, problems: { page: [`must be a whole number from 1 to ${MAX_PAGE}`] } });
  });
});

describe('pageParameter', () => {
  it.each([
    ['1', 1],
    ['2', 2],
    [String(MAX_PAGE), MAX_PAGE],
  ])('reads %j as page %d', (value, page) => {
    expect(parseParameters({ page: pageParameter }, { page: value })).toEqual({ success: true, parameters: { page } });
  });

  it.each(['0', '1001', '01', '1e2', '-1', '', ' 2', '2 ', '1.5', '0x10', '+1', '9999999', 'Infinity', 'NaN', '１'])('refuses %j', (value) => {
    expect(parseParameters({ page: pageParameter }, { page: value })).toEqual({ success: false, problems: { page: ['must be a whole number from 1 to 1000'] } });
  });
});

describe('pageSizeParameter', () => {
  it('defaults to the largest page size, as the site asks', () => {
    expect(parseParameters({ pageSize: pageSizeParameter }, {})).toEqual({ success: true, parameters: { pageSize: 100 } });
  });

  it.each([
    ['1', 1],
    ['100', 100],
  ])('reads %j as %d', (value, pageSize) => {
    expect(parseParameters({ pageSize: pageSizeParameter }, { pageSize: value })).toEqual({ success: true, parameters: { pageSize } });
  });

  it.each(['0', '101', '1000', '010', ''])('refuses %j', (value) => {
    expect(parseParameters({ pageSize: pageSizeParameter }, { pageSize: value })).toEqual({ success: false, problems: { pageSize: ['must be a whole number from 1 to 100'] } });
  });
});

describe('navParameter', () => {
  it.each([
    ['true', true],
    ['false', false],
  ])('reads %j as %j', (value, nav) => {
    expect(parseParameters({ nav: navParameter }, { nav: value })).toEqual({ success: true, parameters: { nav } });
  });

  it('is undefined when absent, meaning every service', () => {
    expect(parseParameters({ nav: navParameter }, {})).toEqual({ success: true, parameters: { nav: undefined } });
  });

  it.each(['TRUE', '1', 'yes', ''])('refuses %j', (value) => {
    expect(parseParameters({ nav: navParameter }, { nav: value })).toEqual({ success: false, problems: { nav: ['must be true or false'] } });
  });
});

describe('localeParameter', () => {
  const schemas = { locale: localeParameter(LOCALES) };

  it.each([
    ['en', 'en'],
    ['es', 'es'],
    ['el', 'el'],
    ['gr', 'el'],
  ])('reads %j as the locale %j', (value, locale) => {
    expect(parseParameters(schemas, { locale: value })).toEqual({ success: true, parameters: { locale } });
  });

  it('is the default locale when absent', () => {
    expect(parseParameters({ locale: localeParameter({ ...LOCALES, defaultLocale: 'es' }) }, {})).toEqual({ success: true, parameters: { locale: 'es' } });
  });

  it.each(['fr', 'EN', 'en-GB', '', '__proto__', 'constructor', 'toString', 'hasOwnProperty'])('refuses %j, listing the locales and aliases', (value) => {
    expect(parseParameters(schemas, { locale: value })).toEqual({ success: false, problems: { locale: ['must be one of en, es, el (or gr for el)'] } });
  });

  it('does not mention aliases when there are none', () => {
    expect(parseParameters({ locale: localeParameter({ locales: ['en'], defaultLocale: 'en', aliases: {} }) }, { locale: 'gr' })).toEqual({
      success: false,
      problems: { locale: ['must be one of en'] },
    });
  });
});

describe('slugParameter', () => {
  it.each(['a', 'a-case', 'case-2025', 'x'.repeat(200)])('takes the slug %j', (slug) => {
    expect(parseParameters({ slug: slugParameter }, { slug })).toEqual({ success: true, parameters: { slug } });
  });

  it.each(['', 'A-Case', 'a case', 'a_case', 'a/b', '%2e%2e', '..', 'caf\u00e9', 'x'.repeat(201)])('refuses the slug %j', (slug) => {
    expect(parseParameters({ slug: slugParameter }, { slug }).success).toBe(false);
  });

  it('refuses a missing slug', () => {
    expect(parseParameters({ slug: slugParameter }, {}).success).toBe(false);
  });
});

describe('legalPageParameter', () => {
  it.each([...LEGAL_PAGE_NAMES])('takes the legal page %j', (page) => {
    expect(parseParameters({ page: legalPageParameter }, { page })).toEqual({ success: true, parameters: { page } });
  });

  it.each(['imprint', 'Privacy', 'privacies', '', '__proto__'])('refuses %j', (page) => {
    expect(parseParameters({ page: legalPageParameter }, { page }).success).toBe(false);
  });
});
