import fc from 'fast-check';
import { decodeText, escapeHtmlAttribute, escapeHtmlText, htmlToPlainText, truncateOnWord } from '../../../lambda/shared/html';
import { HtmlDocument } from '../../support/html-document';

describe('escapeHtmlText', () => {
  it('never lets any input open a tag or an entity of its own', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (input) => {
        const escaped = escapeHtmlText(input);
        expect(escaped).not.toMatch(/[<>]/);
        expect(escaped.replace(/&(amp|lt|gt|quot|apos|#x[0-9a-f]+|#\d+|nbsp);/gi, '')).not.toContain('&');
      }),
    );
  });

  it('round-trips through a real HTML parser as the same text', () => {
    fc.assert(
      fc.property(fc.string(), (input) => {
        const clean = input.replace(/[\0\r]/g, '');
        const document = new HtmlDocument(`<p>${escapeHtmlText(clean)}</p>`);
        expect(document.elements('p')).toHaveLength(1);
        expect(document.text('p')).toBe(clean);
      }),
    );
  });
});

describe('escapeHtmlAttribute', () => {
  it('never lets any input leave a double-quoted attribute', () => {
    fc.assert(
      fc.property(fc.string(), (input) => {
        const clean = input.replace(/[\0\r]/g, '');
        const document = new HtmlDocument(`<a title="${escapeHtmlAttribute(clean)}">x</a>`);
        const [link] = document.elements('a');
        expect(link?.attrs).toEqual([{ name: 'title', value: clean }]);
      }),
    );
  });

  it.each([
    ['"><script>alert(1)</script>', '&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['Caf\u00e9 & Co', 'Caf\u00e9 &amp; Co'],
  ])('escapes %j once', (input, expected) => {
    expect(escapeHtmlAttribute(input)).toBe(expected);
  });
});

describe('decodeText', () => {
  it.each([
    ['Caf&eacute; &amp; Co', 'Caf\u00e9 & Co'],
    ['&amp;amp;', '&amp;'],
    ['  two\n\tlines  ', 'two lines'],
    ['<b>kept as text</b>', '<b>kept as text</b>'],
    ['no\u0001control\u009fcharacters', 'nocontrolcharacters'],
  ])('reads %j as %j, decoding once', (input, expected) => {
    expect(decodeText(input)).toBe(expected);
  });
});

describe('htmlToPlainText', () => {
  it.each([
    ['<p>First</p><p>Second</p>', 'First Second'],
    ['bold<b>er</b> text', 'bolder text'],
    ['a<br>b', 'a b'],
    ['x<script>alert("no")</script>y', 'x y'],
    ['x<style>p{color:red}</style>y', 'x y'],
    ['before<!-- hidden -->after', 'before after'],
    ['&lt;b&gt; is a tag &amp; so on', '<b> is a tag & so on'],
    ['1 < 2 and 3 > 2', '1 < 2 and 3 > 2'],
    ['line one\n\nline two', 'line one line two'],
    ['<a href="https://x.example/">link</a> text', 'link text'],
    ['kept <p unfinished tag to the end', 'kept'],
    ['a<script>never closed', 'a'],
    ['a<!-- never closed', 'a'],
    ['<SCRIPT>x</script >b', 'b'],
    ['bell\u0007 and escape\u001b', 'bell and escape'],
  ])('turns %j into %j', (input, expected) => {
    expect(htmlToPlainText(input)).toBe(expected);
  });

  it.each([
    ['unclosed tags', '<p'.repeat(200_000)],
    ['unclosed script elements', '<script x>'.repeat(50_000)],
    ['unclosed comments', '<!-'.repeat(100_000)],
    ['code-like prose', 'if i<n and a<b then '.repeat(20_000)],
  ])('reads hostile markup of %s in one pass', (_, input) => {
    // A quadratic reading of these would take minutes, far past the test's timeout.
    expect(typeof htmlToPlainText(input)).toBe('string');
  });
});

describe('truncateOnWord', () => {
  it('leaves text within the limit alone', () => {
    expect(truncateOnWord('short text', 200)).toBe('short text');
  });

  it('cuts on the last word boundary and adds an ellipsis', () => {
    const text = 'word '.repeat(100).trim();
    const cut = truncateOnWord(text, 200);
    expect(Array.from(cut).length).toBeLessThanOrEqual(200);
    expect(cut.endsWith('word\u2026')).toBe(true);
  });

  it('drops punctuation left dangling before the ellipsis', () => {
    expect(truncateOnWord(`${'a'.repeat(15)}, ${'b'.repeat(10)}`, 20)).toBe(`${'a'.repeat(15)}\u2026`);
  });

  it('cuts a single long word where it must, never splitting a character', () => {
    const cut = truncateOnWord('\u{1F600}'.repeat(300), 200);
    expect(Array.from(cut)).toHaveLength(200);
    expect(cut.endsWith('\u{1F600}\u2026')).toBe(true);
  });

  it('never exceeds the limit for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.integer({ min: 10, max: 300 }), (text, limit) => {
        expect(Array.from(truncateOnWord(text, limit)).length).toBeLessThanOrEqual(limit);
      }),
    );
  });
});
