import { decodeHTML, escapeAttribute, escapeText } from 'entities';

/** Text for between tags: `&`, `<` and `>` escaped, so no input can open a tag. */
export const escapeHtmlText = escapeText;

/** Text for a double-quoted attribute value: `&` and `"` escaped, so no input can leave the attribute. */
export const escapeHtmlAttribute = escapeAttribute;

// Elements whose content is never text a reader sees.
const HIDDEN_ELEMENTS = /<(script|style|template|noscript)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const COMMENTS = /<!--[\s\S]*?(-->|$)/g;
// Elements that break a line; replaced by a space so words on either side stay apart.
const BLOCK_TAGS = /<\/?(address|article|aside|blockquote|br|dd|div|dl|dt|figcaption|figure|footer|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|table|td|th|tr|ul)\b[^>]*>/gi;
const OTHER_TAGS = /<\/?[a-z][^>]*>/gi;

/**
 * A plain-text CMS field as the text it means: character references decoded
 * once (so `&amp;` is `&`) and white space collapsed. Tags are kept as text.
 */
export function decodeText(value: string): string {
  return decodeHTML(value).replace(/\s+/g, ' ').trim();
}

/**
 * The words a reader would see in a fragment of CMS HTML, as plain text:
 * tags dropped, character references decoded once, white space collapsed.
 * The result is text, not markup: escape it for wherever it goes.
 */
export function htmlToPlainText(html: string): string {
  const withoutTags = html
    .replace(HIDDEN_ELEMENTS, ' ')
    .replace(COMMENTS, ' ')
    .replace(BLOCK_TAGS, ' ')
    .replace(OTHER_TAGS, '');
  return decodeText(withoutTags);
}

/**
 * Shortens text to at most `maxLength` characters (code points), cutting at
 * the last word boundary and adding an ellipsis.
 */
export function truncateOnWord(text: string, maxLength: number): string {
  const characters = Array.from(text);
  if (characters.length <= maxLength) return text;
  const head = characters.slice(0, maxLength - 1).join('');
  const lastSpace = head.lastIndexOf(' ');
  // A single very long word is cut where it is; otherwise keep whole words.
  const cut = lastSpace > maxLength / 2 ? head.slice(0, lastSpace) : head;
  return `${cut.replace(/[\s,.;:!?\u2013\u2014-]+$/u, '')}\u2026`;
}
