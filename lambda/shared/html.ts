import { decodeHTML, escapeAttribute, escapeText } from 'entities';

/** Text for between tags: `&`, `<` and `>` escaped, so no input can open a tag. */
export const escapeHtmlText = escapeText;

/** Text for a double-quoted attribute value: `&` and `"` escaped, so no input can leave the attribute. */
export const escapeHtmlAttribute = escapeAttribute;

// Elements whose content is never text a reader sees.
const HIDDEN_ELEMENTS = new Set(['script', 'style', 'template', 'noscript']);
// Elements that break a line; replaced by a space so words on either side stay apart.
const BLOCK_ELEMENTS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table',
  'td', 'th', 'tr', 'ul',
]);
const TAG_START = /^<(\/?)([a-z][a-z0-9-]*)/i;
// Control characters other than white space, which collapses anyway: never text anyone meant.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/g;

/**
 * A plain-text CMS field as the text it means: character references decoded
 * once (so `&amp;` is `&`), control characters dropped, white space
 * collapsed. Tags are kept as text.
 */
export function decodeText(value: string): string {
  return decodeHTML(value).replace(CONTROL_CHARACTERS, '').replace(/\s+/g, ' ').trim();
}

/**
 * The words a reader would see in a fragment of CMS HTML, as plain text:
 * tags, comments and script or style content dropped, character references
 * decoded once, white space collapsed. One pass, so hostile markup (a
 * thousand unclosed tags) costs no more than its length. The result is text,
 * not markup: escape it for wherever it goes.
 */
export function htmlToPlainText(html: string): string {
  let text = '';
  let position = 0;
  while (position < html.length) {
    const open = html.indexOf('<', position);
    if (open === -1) {
      text += html.slice(position);
      break;
    }
    text += html.slice(position, open);
    if (html.startsWith('<!--', open)) {
      const close = html.indexOf('-->', open + 4);
      position = close === -1 ? html.length : close + 3;
      text += ' ';
      continue;
    }
    const tag = TAG_START.exec(html.slice(open, open + 64));
    if (!tag) {
      // A `<` that starts no tag ("1 < 2") is text.
      text += '<';
      position = open + 1;
      continue;
    }
    const end = html.indexOf('>', open);
    // An unfinished tag runs to the end of the input, as a browser reads it.
    if (end === -1) break;
    position = end + 1;
    const name = tag[2]!.toLowerCase();
    if (tag[1] === '' && HIDDEN_ELEMENTS.has(name)) {
      const closing = new RegExp(`</${name}`, 'gi');
      closing.lastIndex = position;
      const match = closing.exec(html);
      const closeEnd = match ? html.indexOf('>', match.index) : -1;
      position = closeEnd === -1 ? html.length : closeEnd + 1;
      text += ' ';
    } else if (BLOCK_ELEMENTS.has(name)) {
      text += ' ';
    }
  }
  return decodeText(text);
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
