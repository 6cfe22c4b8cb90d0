import sanitizeHtml from 'sanitize-html';

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

/** Keys whose string values the site may put in an `href` or `src`. */
const URL_KEYS = /^(href|url|link|src|to)$/i;
const SAFE_URL = /^(https?:\/\/|mailto:|tel:|\/(?!\/)|#)/i;

/**
 * A JSON field of the CMS (a page module's data, a table) made safe for a
 * site that may insert any of its strings as HTML: every string with markup
 * in it goes through {@link articleHtml}, and a link under a URL key that is
 * not http(s), mailto, tel or site-relative becomes null. Strings without
 * markup are left as they are: they cannot make an element.
 */
export function safeJson(value: unknown, key = ''): unknown {
  if (typeof value === 'string') {
    if (URL_KEYS.test(key) && !SAFE_URL.test(value.trim())) return null;
    return value.includes('<') ? articleHtml(value) : value;
  }
  if (Array.isArray(value)) return value.map((item) => safeJson(item));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, safeJson(item, name)]));
  }
  return value;
}
