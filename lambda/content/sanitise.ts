import sanitizeHtml from 'sanitize-html';
import { withAttributeSafeCharacters } from '../shared/cms/media-url';

/**
 * What article text may keep: structure, emphasis, lists, tables and links.
 * No scripts, no event handlers or other attributes beyond these, no inline
 * styles or classes, no images (a case study's pictures are its media
 * fields), and links only to http(s), mailto and tel URLs or relative ones.
 */
const ARTICLE_TEXT: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'hr', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code',
    'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'span', 'a',
    'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
  ],
  allowedAttributes: { a: ['href', 'title'], th: ['colspan', 'rowspan', 'scope'], td: ['colspan', 'rowspan'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  // Text arrives escaped; its line breaks become `<br>`, as the site has always shown them.
  textFilter: (text) => text.replace(/\r\n?|\n/g, '<br>'),
};

/** CMS text that the site inserts as HTML, made safe to insert: see {@link ARTICLE_TEXT}. */
export function articleHtml(text: string): string {
  return sanitizeHtml(text, ARTICLE_TEXT);
}

/** Characters of one HTML text at most: a long read is a few tens of thousands. */
export const MAX_HTML_LENGTH = 200_000;
/** Tags of one HTML text at most: the parser's time grows with the square of the elements left open. */
export const MAX_HTML_TAGS = 5_000;

/**
 * Whether a text is within what {@link articleHtml} is given: past these
 * limits a text is no article, and would hold the function for seconds.
 */
export function isSanitisable(text: string): boolean {
  if (text.length > MAX_HTML_LENGTH) return false;
  let tags = 0;
  for (let index = text.indexOf('<'); index !== -1; index = text.indexOf('<', index + 1)) {
    tags += 1;
    if (tags > MAX_HTML_TAGS) return false;
  }
  return true;
}

/** Keys whose string values the site may put in an `href` or `src`. */
const URL_KEYS = /^(href|url|link|src|to)$/i;
/** What a browser would make a tag of: `<` then a letter, `/`, `!` or `?`. A lone `<` (`<3`) is text. */
const MARKUP = /<[a-zA-Z/!?]/;
/** Keys no site code means as data, and a careless deep merge would take for the prototype. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Stands for the site when a relative link is resolved: a link that leaves it is not relative. */
const SITE = 'https://site.invalid';

/**
 * A link the site may follow, written as a browser resolves it: http(s),
 * mailto, tel, or a path, query or anchor on the site itself; null for any
 * other. Resolving also sees through what browsers forgive (`/\\evil.example`
 * and `/<tab>/evil.example` lead to another host, so they are not site
 * links) and percent-encodes quotes and angle brackets, so the link cannot
 * leave an attribute it is written into.
 */
function safeLink(link: string): string | null {
  const trimmed = link.trim();
  if (/^mailto:[^\s"'<>]+$/i.test(trimmed) || /^tel:[+0-9().\- ]+$/i.test(trimmed)) return trimmed;
  if (!/^(https?:|[/#?])/i.test(trimmed)) return null;
  let resolved: URL;
  try {
    resolved = new URL(trimmed, `${SITE}/`);
  } catch {
    return null;
  }
  if (/^https?:/i.test(trimmed)) return withAttributeSafeCharacters(resolved.href);
  // Kept as written (an anchor or a query is relative to the page it is on), its unsafe characters encoded.
  return resolved.origin === SITE ? withAttributeSafeCharacters(trimmed) : null;
}

/**
 * A JSON field of the CMS (a page module's data, a table) made safe for a
 * site that may insert any of its strings as HTML: a string under a URL key
 * (or in a list under one) is kept as a safe link ({@link safeLink}) or null; any
 * other string with markup in it goes through {@link articleHtml}. Strings
 * without markup are left as they are: they cannot make an element. Markup
 * past {@link isSanitisable}'s limits is null; keys that name a prototype are dropped.
 */
export function safeJson(value: unknown, key = ''): unknown {
  if (typeof value === 'string') {
    if (URL_KEYS.test(key)) return safeLink(value);
    if (!MARKUP.test(value)) return value;
    return isSanitisable(value) ? articleHtml(value) : null;
  }
  // A list's items are under its key: `{ "to": ["javascript:…"] }` is a list of links.
  if (Array.isArray(value)) return value.map((item) => safeJson(item, key));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).filter(([name]) => !PROTOTYPE_KEYS.has(name)).map(([name, item]) => [name, safeJson(item, name)]));
  }
  return value;
}
