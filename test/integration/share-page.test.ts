import { SAMPLE_SLUGS } from '../../local/content-server';
import type { LocalApi } from '../../local/local-api';
import { parseJsonLine } from '../support/content-api';
import { HtmlDocument } from '../support/html-document';
import { CMS_FAILURES, cmsCalls, SITE_URL, startQuietLocalApi } from '../support/local-api';

/** The share page over real HTTP: the real handler behind the emulator, reading the embedded content server. */

const TTL = { sharePageTtlSeconds: 300, sharePageNotFoundTtlSeconds: 60 };

/** What the CMS itself holds for a slug, straight from the content server. */
async function cmsEntry(api: LocalApi, slug: string): Promise<Record<string, any>> {
  const response = await fetch(`${api.contentServer!.url}/api/blogs?filters[slug]=${slug}&populate=*`, { headers: { authorization: `Bearer ${api.cmsToken}` } });
  const body = (await response.json()) as { data: { attributes: Record<string, any> }[] };
  return body.data[0]!.attributes;
}

async function sharePage(api: LocalApi, slug: string, init?: RequestInit) {
  const response = await fetch(`${api.url}/share/casestudies/${slug}`, init);
  const html = await response.text();
  return { response, html, page: new HtmlDocument(html) };
}

describe('GET /share/casestudies/{slug}', () => {
  let api: LocalApi;
  beforeAll(async () => {
    api = await startQuietLocalApi('share-page', { config: { cache: TTL } });
  });
  afterAll(() => api.close());
  beforeEach(() => api.contentServer!.clearRequests());

  it('answers the Open Graph page of a case study from the CMS', async () => {
    const entry = await cmsEntry(api, SAMPLE_SLUGS.normal);
    api.contentServer!.clearRequests();
    const { response, page } = await sharePage(api, SAMPLE_SLUGS.normal);
    const image = entry.image.data.attributes;
    const shareUrl = `${api.url}/share/casestudies/${SAMPLE_SLUGS.normal}`;
    expect(response.status).toBe(200);
    expect({
      title: page.text('title'),
      ogTitle: page.meta('og:title'),
      description: page.meta('description'),
      ogType: page.meta('og:type'),
      siteName: page.meta('og:site_name'),
      ogUrl: page.meta('og:url'),
      canonical: page.attribute('link', 'href'),
      ogImage: page.meta('og:image'),
      width: page.meta('og:image:width'),
      height: page.meta('og:image:height'),
      alt: page.meta('og:image:alt'),
      card: page.meta('twitter:card'),
      twitterImage: page.meta('twitter:image'),
      link: page.attribute('a', 'href'),
    }).toEqual({
      title: entry.blogTitle,
      ogTitle: entry.blogTitle,
      description: entry.content,
      ogType: 'article',
      siteName: 'Marchcroft',
      ogUrl: shareUrl,
      canonical: shareUrl,
      ogImage: `${api.contentServer!.url}${image.url}`,
      width: String(image.width),
      height: String(image.height),
      alt: image.alternativeText,
      card: 'summary_large_image',
      twitterImage: `${api.contentServer!.url}${image.url}`,
      link: `${SITE_URL}/work/casestudies/${SAMPLE_SLUGS.normal}`,
    });
  });

  it('asks the CMS for the slug with its token, the slug encoded, the image populated', async () => {
    await sharePage(api, SAMPLE_SLUGS.longBody);
    const [request] = api.contentServer!.requests;
    expect(request).toMatchObject({
      method: 'GET',
      path: '/api/blogs',
      authorization: `Bearer ${api.cmsToken}`,
      query: { filters: { slug: { $eq: SAMPLE_SLUGS.longBody } }, populate: ['image', 'blogContent'] },
    });
  });

  it('sends the headers of a page that is safe, cacheable and never indexed', async () => {
    const { response } = await sharePage(api, SAMPLE_SLUGS.normal);
    expect(Object.fromEntries(['content-type', 'x-content-type-options', 'referrer-policy', 'x-robots-tag', 'cache-control'].map((name) => [name, response.headers.get(name)]))).toEqual({
      'content-type': 'text/html; charset=utf-8',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'strict-origin-when-cross-origin',
      'x-robots-tag': 'noindex',
      'cache-control': 'public, max-age=300, s-maxage=300',
    });
    expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]+'/);
  });

  it('answers HEAD with the same status and headers and no body', async () => {
    const get = await sharePage(api, SAMPLE_SLUGS.normal);
    const head = await fetch(`${api.url}/share/casestudies/${SAMPLE_SLUGS.normal}`, { method: 'HEAD' });
    const comparable = (headers: Headers) => Object.fromEntries([...headers].filter(([name]) => !['date', 'apigw-requestid', 'content-length', 'keep-alive', 'connection'].includes(name)));
    expect(head.status).toBe(get.response.status);
    expect(comparable(head.headers)).toEqual(comparable(get.response.headers));
    expect(await head.text()).toBe('');
  });

  it('serves 1,000 requests for one slug from one warm container with one CMS call', async () => {
    const statuses = new Set<number>();
    for (let request = 0; request < 1000; request += 1) {
      statuses.add((await fetch(`${api.url}/share/casestudies/${SAMPLE_SLUGS.absoluteImageUrl}`)).status);
    }
    expect([...statuses]).toEqual([200]);
    expect(cmsCalls(api)).toHaveLength(1);
  });

  it('shows markup in a title as text, decoded once and escaped once', async () => {
    const entry = await cmsEntry(api, SAMPLE_SLUGS.hostileText);
    const { html, page } = await sharePage(api, SAMPLE_SLUGS.hostileText);
    expect(page.meta('og:title')).toBe(entry.blogTitle);
    expect(page.text('h1')).toBe(entry.blogTitle);
    expect(page.meta('og:image:alt')).toBe(entry.image.data.attributes.alternativeText);
    expect(page.elements('script')).toHaveLength(1);
    expect(page.elements('b')).toHaveLength(0);
    expect(html).not.toContain('&amp;amp;');
  });

  it('describes a case study by its summary as plain text, character references decoded once', async () => {
    const { page } = await sharePage(api, SAMPLE_SLUGS.hostileText);
    expect(page.meta('og:description')).toBe(
      'Caf\u00e9 & Co\u2019s <b>Z\u00fcrich</b> launch: "quotes", \'apostrophes\', tags & an emoji \u{1F680} \u2014 na\u00efve fa\u00e7ade, \u6771\u4eac, \u0395\u03bb\u03bb\u03b7\u03bd\u03b9\u03ba\u03ac.',
    );
  });

  it('describes a case study without a summary by the start of its body, cut near 200 characters', async () => {
    const entry = await cmsEntry(api, SAMPLE_SLUGS.longBody);
    const { page } = await sharePage(api, SAMPLE_SLUGS.longBody);
    const description = page.meta('og:description')!;
    expect(entry.content).toBeNull();
    expect(Array.from(description).length).toBeLessThanOrEqual(200);
    expect(description.endsWith('\u2026')).toBe(true);
    expect(description).not.toMatch(/[<>]/);
    expect(description.startsWith('When Ferrowick Rail Freight asked us')).toBe(true);
  });

  it.each([
    ['has no image', SAMPLE_SLUGS.noImage],
    ['has only a WebP image', SAMPLE_SLUGS.webpImage],
    ['has only an SVG image', SAMPLE_SLUGS.svgImage],
    ['has a javascript: image URL', SAMPLE_SLUGS.javascriptImageUrl],
  ])('shows the site default image for a case study that %s', async (_, slug) => {
    const { response, page } = await sharePage(api, slug);
    expect(response.status).toBe(200);
    expect(page.meta('og:image')).toBe(`${SITE_URL}/og-image.png`);
    expect(page.meta('og:image:width')).toBeUndefined();
  });

  it.each([
    ['an absolute URL as it is', SAMPLE_SLUGS.absoluteImageUrl, /^https:\/\/images\.example\.com\/[^?]+$/],
    ['a protocol-relative URL with https', SAMPLE_SLUGS.protocolRelativeImageUrl, /^https:\/\/cdn\.example\.com\/[^?]+$/],
    ['a relative URL without its query string', SAMPLE_SLUGS.imageUrlWithQuery, /^http:\/\/127\.0\.0\.1:\d+\/uploads\/[^?]+\.png$/],
  ])('takes %s', async (_, slug, expected) => {
    const { page } = await sharePage(api, slug);
    expect(page.meta('og:image')).toMatch(expected);
  });

  it('shows the large format of an image over 300 KB, and the file is there', async () => {
    const entry = await cmsEntry(api, SAMPLE_SLUGS.oversizedImage);
    const large = entry.image.data.attributes.formats.large;
    const { page } = await sharePage(api, SAMPLE_SLUGS.oversizedImage);
    expect(entry.image.data.attributes.size).toBeGreaterThan(300);
    expect(page.meta('og:image')).toBe(`${api.contentServer!.url}${large.url}`);
    expect([page.meta('og:image:width'), page.meta('og:image:height')]).toEqual([String(large.width), String(large.height)]);
    const image = await fetch(page.meta('og:image')!);
    expect([image.status, image.headers.get('content-type')]).toEqual([200, large.mime]);
  });

  it.each([
    ['upper-case letters', 'Logistics-Cloud-Migration'],
    ['an encoded script tag', '%3Cscript%3Ealert(1)%3C%2Fscript%3E'],
    ['a dot segment', '..%2F..%2Fadmin'],
    ['a query injection', 'x%26populate%3D*'],
    ['non-ASCII', 'caf%C3%A9'],
    ['201 characters', 'a'.repeat(201)],
  ])('answers the not-found page for a slug with %s, without asking the CMS', async (_, slug) => {
    const { response, page } = await sharePage(api, slug);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.text('h1')).toBe('Case study not found');
    expect(cmsCalls(api)).toHaveLength(0);
  });

  it('answers a slug of 200 characters by asking the CMS', async () => {
    const { response } = await sharePage(api, 'b'.repeat(200));
    expect(response.status).toBe(404);
    expect(cmsCalls(api)).toHaveLength(1);
  });

  it('answers an unknown slug with the not-found page, and remembers it', async () => {
    const first = await sharePage(api, 'no-such-case-study');
    const second = await sharePage(api, 'no-such-case-study');
    expect([first.response.status, second.response.status]).toEqual([404, 404]);
    expect(first.response.headers.get('cache-control')).toBe('public, max-age=60, s-maxage=60');
    expect(first.page.attribute('a', 'href')).toBe(`${SITE_URL}/work`);
    expect(cmsCalls(api)).toHaveLength(1);
  });

  it('sends people on to the site by a script and a link, never a redirect or meta refresh', async () => {
    const { response, page } = await sharePage(api, SAMPLE_SLUGS.normal, { redirect: 'manual' });
    expect(response.status).toBe(200);
    expect(response.headers.get('location')).toBeNull();
    expect(page.elements('meta').filter((meta) => meta.attrs?.some((attr) => attr.name === 'http-equiv'))).toEqual([]);
    expect(page.attribute('a', 'href')).toBe(`${SITE_URL}/work/casestudies/${SAMPLE_SLUGS.normal}`);
  });
});

describe('GET /share/casestudies/{slug} on a Strapi v5 CMS', () => {
  it('answers the same page as on Strapi v4', async () => {
    const [v4, v5] = await Promise.all([startQuietLocalApi('share-page-v4'), startQuietLocalApi('share-page-v5', { contentServer: { apiVersion: 5 } })]);
    try {
      for (const slug of [SAMPLE_SLUGS.normal, SAMPLE_SLUGS.noImage, SAMPLE_SLUGS.longBody, SAMPLE_SLUGS.oversizedImage]) {
        const [a, b] = await Promise.all([sharePage(v4, slug), sharePage(v5, slug)]);
        const normalise = (html: string, api: LocalApi) => html.replaceAll(api.url, 'API').replaceAll(api.contentServer!.url, 'CMS');
        expect(b.response.status).toBe(200);
        expect(normalise(b.html, v5)).toBe(normalise(a.html, v4));
      }
    } finally {
      await Promise.all([v4.close(), v5.close()]);
    }
    // Two local APIs start within the test.
  }, 30_000);
});

describe('GET /share/casestudies/{slug} when the CMS fails', () => {
  let api: LocalApi;
  beforeAll(async () => {
    api = await startQuietLocalApi('share-page-failing', { config: { cmsTimeoutMs: 500, cache: { sharePageTtlSeconds: 1, sharePageNotFoundTtlSeconds: 1 } } });
  });
  afterAll(() => api.close());
  afterEach(() => api.contentServer!.setFault(null));

  it.each(CMS_FAILURES)('answers 502, never 404, when the CMS %s and there is no copy', async (_, fault) => {
    api.contentServer!.setFault(fault);
    const { response, page } = await sharePage(api, SAMPLE_SLUGS.hostileText);
    expect(response.status).toBe(502);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.text('h1')).toBe('Case study temporarily unavailable');
  });

  it('serves the last good copy when the CMS fails after the copy expired', async () => {
    const fresh = await sharePage(api, SAMPLE_SLUGS.normal);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    api.contentServer!.setFault({ kind: 'status', status: 500 });
    const stale = await sharePage(api, SAMPLE_SLUGS.normal);
    expect(stale.response.status).toBe(200);
    expect(stale.page.meta('og:title')).toBe(fresh.page.meta('og:title'));
    expect(stale.response.headers.get('cache-control')).toBe('public, max-age=1, s-maxage=1');
    const warning = api.emulator.logs('ShareCaseStudy').map(parseJsonLine).find((line) => line?.message === 'CMS request failed; serving a stale share page');
    expect(warning).toMatchObject({ level: 'WARN', reason: 'status', status: 500 });
  });

  it('logs an error with the reason and counts the failure', async () => {
    api.contentServer!.setFault({ kind: 'garbage' });
    await sharePage(api, 'never-seen-before');
    const lines = api.emulator.logs('ShareCaseStudy').map(parseJsonLine);
    expect(lines.findLast((line) => line?.message === 'CMS request failed; no copy to serve')).toMatchObject({ level: 'ERROR', reason: 'unreadable' });
    expect(lines.some((line) => line?.CmsRequestFailed === 1)).toBe(true);
  });
});

describe('GET /share/casestudies/{slug} when the CMS is down', () => {
  it('answers 502 when nothing listens at the CMS address', async () => {
    const api = await startQuietLocalApi('share-page-logs');
    try {
      await api.contentServer!.close();
      const { response } = await sharePage(api, SAMPLE_SLUGS.normal);
      expect(response.status).toBe(502);
    } finally {
      await api.close();
    }
  });
});
