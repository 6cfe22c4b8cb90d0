import { DOMParser, onWarningStopParsing, type Element } from '@xmldom/xmldom';
import type { Listing } from '../../../lambda/content/content-library';
import { MAX_SITEMAP_BYTES, MAX_SITEMAP_URLS, renderSitemap } from '../../../lambda/content/sitemap';

const SITE = 'https://www.marchcroft.com';
const NAMESPACE = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const STATIC_LOCS = ['/', '/work', '/careers', '/contactus', '/privacy', '/termsofservice', '/cookiepolicy'].map((path) => `${SITE}${path}`);

/** The sitemap as a crawler reads it: any XML error or warning fails the test. */
function parse(xml: string) {
  const document = new DOMParser({ onError: onWarningStopParsing }).parseFromString(xml, 'text/xml');
  const root = document.documentElement!;
  const children = (element: Element) => Array.from(element.childNodes).filter((node): node is Element => node.nodeType === node.ELEMENT_NODE);
  const urls = children(root).map((url) => {
    if (url.namespaceURI !== NAMESPACE || url.localName !== 'url') throw new Error(`urlset has a ${url.tagName}`);
    const fields = Object.fromEntries(children(url).map((field) => [`${field.namespaceURI} ${field.localName}`, field.textContent]));
    const { [`${NAMESPACE} loc`]: loc, [`${NAMESPACE} lastmod`]: lastmod, ...others } = fields;
    if (Object.keys(others).length > 0) throw new Error(`url has ${Object.keys(others).join(', ')}`);
    return { loc, lastmod };
  });
  return { root, urls };
}

const render = (caseStudies: Listing[] = [], services: Listing[] = []) => renderSitemap(SITE, { caseStudies, services });

describe('renderSitemap', () => {
  it('is a sitemaps.org urlset, declared as UTF-8 XML', () => {
    const xml = render();
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    const { root } = parse(xml);
    expect(root.localName).toBe('urlset');
    expect(root.namespaceURI).toBe(NAMESPACE);
  });

  it('lists the static pages first, without lastmod', () => {
    expect(parse(render()).urls).toEqual(STATIC_LOCS.map((loc) => ({ loc, lastmod: undefined })));
  });

  it('lists every case study, then every service, at its page on the site', () => {
    const { urls } = parse(render([{ slug: 'a-case' }, { slug: 'b-case' }], [{ slug: 'web' }]));
    expect(urls.slice(STATIC_LOCS.length).map((url) => url.loc)).toEqual([
      `${SITE}/work/casestudies/a-case`,
      `${SITE}/work/casestudies/b-case`,
      `${SITE}/services/web`,
    ]);
  });

  it.each([
    ['2025-11-18T09:30:00.000Z', '2025-11-18T09:30:00.000Z'],
    ['2025-11-18T09:30:00Z', '2025-11-18T09:30:00.000Z'],
    ['2025-11-18T10:30:00+01:00', '2025-11-18T09:30:00.000Z'],
    ['2025-11-18', '2025-11-18T00:00:00.000Z'],
  ])('answers the updatedAt %j as the lastmod %j', (updatedAt, lastmod) => {
    const { urls } = parse(render([{ slug: 'a-case', updatedAt }], [{ slug: 'web', updatedAt }]));
    expect(urls.slice(STATIC_LOCS.length).map((url) => url.lastmod)).toEqual([lastmod, lastmod]);
  });

  it.each(['', 'not a date', '2025-13-45', '2025-02-30T25:00:00Z'])('leaves out lastmod for the updatedAt %j, keeping the URL', (updatedAt) => {
    const { urls } = parse(render([{ slug: 'a-case', updatedAt }]));
    expect(urls.at(-1)).toEqual({ loc: `${SITE}/work/casestudies/a-case`, lastmod: undefined });
  });

  it('lists only slugs the API serves, leaving out each other one alone', () => {
    const odd = [`a&b c'd<e>"f"/é?#`, 'Upper-Case', 'snake_case', 'café', '', 'x'.repeat(201)];
    const { urls } = parse(render([...odd, 'fine-1'].map((slug) => ({ slug })), [...odd, 'fine-2'].map((slug) => ({ slug }))));
    expect(urls.slice(STATIC_LOCS.length).map((url) => url.loc)).toEqual([`${SITE}/work/casestudies/fine-1`, `${SITE}/services/fine-2`]);
  });

  it('leaves out a slug that is not well-formed text, and keeps the others', () => {
    const { urls } = parse(render([{ slug: '\uD800broken' }, { slug: 'fine' }], []));
    expect(urls.slice(STATIC_LOCS.length).map((url) => url.loc)).toEqual([`${SITE}/work/casestudies/fine`]);
  });

  it.each(['1', '2025', '+275760-09-13T00:00:00.000Z', 'Tue, 01 Apr 2025 10:00:00 GMT', '2025-13-45T00:00:00Z', '2025-02-30', '2025-02-29T12:00:00Z'])('gives no lastmod for the updatedAt %j, which is no ISO date', (updatedAt) => {
    expect(parse(render([{ slug: 'a', updatedAt }], [])).urls.at(-1)).toEqual({ loc: `${SITE}/work/casestudies/a`, lastmod: undefined });
  });

  it('escapes an ampersand that reaches a loc as an entity', () => {
    const xml = renderSitemap("https://example.com/r&d'<>", { caseStudies: [{ slug: 'a-b' }], services: [] });
    expect(xml).toContain('<loc>https://example.com/r&amp;d&apos;&lt;&gt;/work/casestudies/a-b</loc>');
    expect(parse(xml).urls.at(-1)!.loc).toBe("https://example.com/r&d'<>/work/casestudies/a-b");
  });

  it(`never lists more than ${MAX_SITEMAP_URLS} URLs, leaving out the entries past them`, () => {
    // Short URLs without lastmod, so the count is what limits and not the size.
    const caseStudies = Array.from({ length: MAX_SITEMAP_URLS }, (_, index) => ({ slug: `case-${index}` }));
    const xml = render(caseStudies, [{ slug: 'web' }]);
    // Counted in the text: a full parse of 50,000 URLs takes seconds, and the other tests parse the same markup.
    const locs = Array.from(xml.matchAll(/<url><loc>([^<]*)<\/loc>/g), (match) => match[1]);
    expect(xml.split('<url>')).toHaveLength(MAX_SITEMAP_URLS + 1);
    expect(locs).toHaveLength(MAX_SITEMAP_URLS);
    expect(locs.slice(0, STATIC_LOCS.length)).toEqual(STATIC_LOCS);
    expect(locs.at(-1)).toBe(`${SITE}/work/casestudies/case-${MAX_SITEMAP_URLS - STATIC_LOCS.length - 1}`);
    expect(xml).not.toContain('/services/');
  });

  it(`never writes more than ${MAX_SITEMAP_BYTES} bytes, which Lambda could not answer, leaving out the entries past them`, () => {
    const caseStudies = Array.from({ length: MAX_SITEMAP_URLS }, (_, index) => ({ slug: `a-long-case-study-slug-of-a-realistic-length-${index}`, updatedAt: '2025-01-01T00:00:00.000Z' }));
    const xml = render(caseStudies);
    expect(Buffer.byteLength(xml)).toBeLessThanOrEqual(MAX_SITEMAP_BYTES);
    expect(Buffer.byteLength(xml)).toBeGreaterThan(MAX_SITEMAP_BYTES - 200);
    expect(xml.endsWith('</lastmod></url>\n</urlset>\n')).toBe(true);
    expect(xml.split('<url>').length - 1).toBeLessThan(MAX_SITEMAP_URLS);
  });

  it('cuts the list at the limit in services too, after every case study', () => {
    const caseStudies = Array.from({ length: MAX_SITEMAP_URLS - STATIC_LOCS.length - 2 }, (_, index) => ({ slug: `case-${index}` }));
    const xml = render(caseStudies, [{ slug: 'one' }, { slug: 'two' }, { slug: 'three' }]);
    expect(xml.split('<url>')).toHaveLength(MAX_SITEMAP_URLS + 1);
    expect(xml).toContain(`<loc>${SITE}/services/two</loc></url>\n</urlset>\n`);
    expect(xml).not.toContain('/services/three');
  });
});
