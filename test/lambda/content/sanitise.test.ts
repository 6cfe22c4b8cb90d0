import fc from 'fast-check';
import { articleHtml, isSanitisable, MAX_HTML_LENGTH, MAX_HTML_TAGS, safeJson } from '../../../lambda/content/sanitise';
import { htmlElements } from '../../support/html-document';

const ALLOWED_TAGS = new Set([
  'p', 'br', 'hr', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code',
  'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'span', 'a',
  'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
]);
const ALLOWED_ATTRIBUTES: Record<string, readonly string[]> = { a: ['href', 'title'], th: ['colspan', 'rowspan', 'scope'], td: ['colspan', 'rowspan'] };
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster']);
const SITE = 'https://marchcroft.com';
const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:', 'tel:']);

/** Whether a link on the site goes nowhere (a browser cannot parse it), to a URL of a safe scheme, and, when relative, stays on the site. */
function linkIsSafe(href: string): boolean {
  let url: URL;
  try {
    url = new URL(href, `${SITE}/`);
  } catch {
    return true;
  }
  // What a browser strips from either end of a URL before it reads it: C0 controls and spaces.
  const stripped = href.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  return SAFE_PROTOCOLS.has(url.protocol) && (/^(https?|mailto|tel):/i.test(stripped) || url.origin === SITE);
}

describe('articleHtml', () => {
  it.each([
    ['<p>Hello<script>alert(1)</script> world</p>', '<p>Hello world</p>'],
    ['<p>a<SCRIPT type="module">import("//evil.example")</SCRIPT>b</p>', '<p>ab</p>'],
    ['<svg><script>alert(1)</script></svg>after', 'after'],
    ['<style>p { display: none }</style>text', 'text'],
  ])('removes the script or style in %j, content and all', (input, expected) => {
    expect(articleHtml(input)).toBe(expected);
  });

  it.each([
    ['<p onclick="steal()">t</p>', '<p>t</p>'],
    ['<p onmouseover="steal()" onclick="x()">t</p>', '<p>t</p>'],
    ['<a href="https://example.com/" onerror="steal()">t</a>', '<a href="https://example.com/">t</a>'],
    ['<span ONCLICK=steal()>t</span>', '<span>t</span>'],
  ])('removes the event handlers of %j', (input, expected) => {
    expect(articleHtml(input)).toBe(expected);
  });

  it.each([
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="  javascript:alert(1)">x</a>',
    '<a href="jav\tascript:alert(1)">x</a>',
    '<a href="java\nscript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="//evil.example/">x</a>',
  ])('keeps the link text of %j but not its href', (input) => {
    expect(articleHtml(input)).toBe('<a>x</a>');
  });

  it.each([
    ['https://example.com/page?a=1'],
    ['http://example.com/'],
    ['mailto:hello@marchcroft.com'],
    ['tel:+441234567890'],
    ['/work/casestudies/a-case'],
    ['#contact'],
  ])('keeps a link to %j', (href) => {
    expect(articleHtml(`<a href="${href}" title="More">x</a>`)).toBe(`<a href="${href}" title="More">x</a>`);
  });

  it('removes inline styles, classes, ids and link targets', () => {
    expect(articleHtml('<p style="color:red" class="lead" id="top">t</p><a href="/x" target="_blank" rel="opener">l</a>')).toBe('<p>t</p><a href="/x">l</a>');
  });

  it.each([
    ['<img src="https://example.com/a.png" alt="A">caption', 'caption'],
    ['<img src=x onerror=alert(1)>', ''],
    ['<iframe src="https://example.com/"></iframe>after', 'after'],
    ['<object data="x.swf"></object><embed src="x.swf">after', 'after'],
  ])('drops the images and frames of %j', (input, expected) => {
    expect(articleHtml(input)).toBe(expected);
  });

  it('drops a disallowed wrapper but keeps the text inside it', () => {
    expect(articleHtml('<div><section>kept</section></div>')).toBe('kept');
  });

  it('keeps structure, emphasis, lists and tables with their allowed attributes', () => {
    const html =
      '<h2>Title</h2><p><strong>bold</strong> <em>em</em> <b>b</b> <i>i</i> <u>u</u> <s>s</s> x<sub>2</sub> y<sup>3</sup> <code>c</code></p>' +
      '<ul><li>one</li></ul><ol><li>two</li></ol><blockquote>q</blockquote><pre>p</pre><hr>' +
      '<table><thead><tr><th colspan="2" scope="col">h</th></tr></thead><tbody><tr><td rowspan="2">d</td></tr></tbody></table>';
    expect(articleHtml(html)).toBe(html.replace('<hr>', '<hr />'));
  });

  it('removes attributes of table cells other than their spans and scope', () => {
    expect(articleHtml('<table><tr><td colspan="2" bgcolor="red" onclick="x()">d</td></tr></table>')).toBe('<table><tr><td colspan="2">d</td></tr></table>');
  });

  it.each([
    ['line one\nline two', 'line one<br>line two'],
    ['line one\r\nline two\rline three', 'line one<br>line two<br>line three'],
    ['<p>a\nb</p>', '<p>a<br>b</p>'],
  ])('turns the line breaks of %j into <br>', (input, expected) => {
    expect(articleHtml(input)).toBe(expected);
  });

  it.each([
    ['Tom & Jerry', 'Tom &amp; Jerry'],
    ['Tom &amp; Jerry', 'Tom &amp; Jerry'],
    ['1 < 2 > 0', '1 &lt; 2 &gt; 0'],
    ['&lt;script&gt;alert(1)&lt;/script&gt;', '&lt;script&gt;alert(1)&lt;/script&gt;'],
  ])('escapes the text %j once', (input, expected) => {
    expect(articleHtml(input)).toBe(expected);
  });

  const HOSTILE_FRAGMENTS = [
    '<script>', '</script>', '<SCRIPT SRC=//evil.example/x.js>', 'alert(1)', '<img src=x onerror=alert(1)>', '<svg onload=alert(1)>', '<svg>',
    '<math><mi>', '<iframe src=javascript:alert(1)>', '<object data=javascript:alert(1)>', '<style>', '</style>', '<textarea>', '<noscript>',
    '</noscript>', '<xmp>', '<template>', '<!--', '-->', '<![CDATA[', ']]>', '<a href="', '<a href=', '<a title="', '<p ', '<td ', '<th ',
    '<table>', '<tr>', '<a>', '</a>', '"', "'", '`', '>', '<', '/', '=', ' ', '\t', '\n', '\u0000', '&', '&#', ';', '&colon;', '&#58;',
    '&#x09;', '&#106;', 'javascript:', 'JaVaScRiPt:', 'java\tscript:', 'java&#x0A;script:', 'data:text/html,', 'vbscript:', 'https://example.com/',
    ' onclick=', ' onerror="', ' ONMOUSEOVER=', ' style=', ' class=', ' href=', ' src=', ' formaction=', 'colspan=', '>text<',
  ];
  const URL_PARTS = ['javascript:', 'JaVaScRiPt:', 'java\tscript:', 'jav&#x09;ascript:', '&#106;avascript:', 'javascript&colon;', ' ', '\u0001', 'alert(1)', '//', '/', '\\', 'evil.example', 'data:', 'https:', '"', "'"];
  const hostileLink = fc
    .tuple(
      fc.constantFrom('<a href="', "<a href='", '<a href=', '<a title="t" href="', '<td colspan="'),
      fc.array(fc.constantFrom(...URL_PARTS), { minLength: 1, maxLength: 4 }),
      fc.constantFrom('">', "'>", '>', ' onclick=alert(1)>', ''),
    )
    .map(([open, url, close]) => `${open}${url.join('')}${close}`);
  const hostileHtml = fc
    .array(fc.oneof(fc.constantFrom(...HOSTILE_FRAGMENTS), hostileLink, fc.string({ maxLength: 3 })), { maxLength: 30 })
    .map((parts) => parts.join(''));

  it('never answers a script, an event handler, another tag or attribute, or a javascript: URL, whatever it is given', () => {
    fc.assert(
      fc.property(hostileHtml, (input) => {
        const output = articleHtml(input);
        expect(output).not.toMatch(/<script/i);
        for (const { tag, attributes } of htmlElements(output)) {
          expect(ALLOWED_TAGS).toContain(tag);
          for (const [name, value] of Object.entries(attributes)) {
            expect(name).not.toMatch(/^on/i);
            expect(ALLOWED_ATTRIBUTES[tag] ?? []).toContain(name);
            if (URL_ATTRIBUTES.has(name)) {
              expect(value.replace(/[\u0000-\u0020]/g, '')).not.toMatch(/^javascript:/i);
              expect(linkIsSafe(value)).toBe(true);
            }
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('safeJson', () => {
  it('sanitises a string with markup in it', () => {
    expect(safeJson('<p onclick="x()">Hi<script>alert(1)</script></p>')).toBe('<p>Hi</p>');
  });

  it.each(['Plain text', 'Tom & Jerry', 'a > b', 'javascript:alert(1)', ''])('leaves the string %j, which has no markup, as it is', (value) => {
    expect(safeJson(value)).toBe(value);
  });

  it.each(['href', 'url', 'link', 'src', 'to', 'HREF', 'Url'])('nulls an unsafe URL under the key %j', (key) => {
    expect(safeJson({ [key]: 'javascript:alert(1)', label: 'x' })).toEqual({ [key]: null, label: 'x' });
  });

  it.each([
    ['JaVaScRiPt:alert(1)'],
    ['  javascript:alert(1)'],
    ['data:text/html,hi'],
    ['vbscript:x'],
    ['//evil.example/'],
    ['evil.example'],
    [''],
    ['/\\evil.example/'],
    ['/\t/evil.example'],
    ['\\\\evil.example'],
  ])('nulls the link %j', (href) => {
    expect(safeJson({ href })).toEqual({ href: null });
  });

  it.each([
    ['https://example.com/'],
    ['http://example.com/'],
    ['mailto:hello@marchcroft.com'],
    ['tel:+441234567890'],
    ['/contactus'],
    ['#top'],
    ['?page=2'],
  ])('keeps the link %j as it is', (href) => {
    expect(safeJson({ href })).toEqual({ href });
  });

  it('writes an absolute link as a browser resolves it', () => {
    expect(safeJson({ href: ' https://Example.com' })).toEqual({ href: 'https://example.com/' });
  });

  it('checks every link of a list under a URL key', () => {
    expect(safeJson({ to: ['/work', 'javascript:alert(1)'] })).toEqual({ to: ['/work', null] });
  });

  it('treats a lone < as text, and a URL under a URL key as a URL, never as HTML', () => {
    expect(safeJson({ label: 'Fish & chips <3' })).toEqual({ label: 'Fish & chips <3' });
    expect(safeJson({ href: 'https://example.com/?q=<b>' })).toEqual({ href: 'https://example.com/?q=%3Cb%3E' });
    expect(safeJson({ href: '/work/"><script>alert(1)</script>' })).toEqual({ href: '/work/%22%3E%3Cscript%3Ealert(1)%3C/script%3E' });
    expect(safeJson({ href: "#a' onclick='x" })).toEqual({ href: '#a%27%20onclick=%27x' });
    expect(safeJson({ href: 'mailto:a@b.example"onclick=x' })).toEqual({ href: null });
  });

  it('reads a URL-like string under another key as text', () => {
    expect(safeJson({ label: 'javascript:alert(1)' })).toEqual({ label: 'javascript:alert(1)' });
  });

  it('recurses through arrays and objects, keeping other values as they are', () => {
    const value = {
      title: 'Modules',
      count: 3,
      visible: true,
      empty: null,
      items: [
        { text: '<b onclick="x()">Bold</b>', link: 'javascript:alert(1)' },
        { text: 'plain', link: '/services/web', nested: { src: 'data:image/png;base64,AAAA', caption: '<img src=x onerror=alert(1)>Caption' } },
        ['<script>alert(1)</script>kept', 4],
      ],
    };
    expect(safeJson(value)).toEqual({
      title: 'Modules',
      count: 3,
      visible: true,
      empty: null,
      items: [
        { text: '<b>Bold</b>', link: null },
        { text: 'plain', link: '/services/web', nested: { src: null, caption: 'Caption' } },
        ['kept', 4],
      ],
    });
  });

  it('leaves a non-string value under a URL key as it is', () => {
    expect(safeJson({ href: 5, url: null, link: { href: 'https://example.com/' } })).toEqual({ href: 5, url: null, link: { href: 'https://example.com/' } });
  });
});

describe('isSanitisable', () => {
  it('takes an article, and refuses a text past the length or the tag count the sanitiser is given', () => {
    expect(isSanitisable(`<p>${'word '.repeat(10_000)}</p>`)).toBe(true);
    expect(isSanitisable('x'.repeat(MAX_HTML_LENGTH))).toBe(true);
    expect(isSanitisable('x'.repeat(MAX_HTML_LENGTH + 1))).toBe(false);
    expect(isSanitisable('<b>'.repeat(MAX_HTML_TAGS))).toBe(true);
    expect(isSanitisable('<b>'.repeat(MAX_HTML_TAGS + 1))).toBe(false);
  });

  it('makes markup past the limits null in JSON, and drops keys that name a prototype', () => {
    expect(safeJson({ html: '<b>x'.repeat(MAX_HTML_TAGS + 1), text: 'kept' })).toEqual({ html: null, text: 'kept' });
    const parsed = JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}},"prototype":1,"kept":{"a":1}}');
    expect(safeJson(parsed)).toEqual({ kept: { a: 1 } });
    expect(Object.keys(safeJson(parsed) as object)).toEqual(['kept']);
  });
});
