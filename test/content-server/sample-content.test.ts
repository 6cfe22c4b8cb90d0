import { SAMPLE_CONTENT, SAMPLE_SLUGS, startContentServer, uploadedImage, type ContentServer, type ContentSet } from '../../local/content-server';
import { getJson, TOKEN } from './http';

let server: ContentServer;
beforeAll(async () => {
  server = await startContentServer({ token: TOKEN });
});
afterAll(() => server.close());

/** The v4 attributes of a sample case study, fully populated, and its image's attributes (or null). */
async function caseStudy(slug: string) {
  const { body } = await getJson(server, `/api/blogs?filters[slug]=${slug}&populate=image&populate=blogContent`);
  expect(body.data).toHaveLength(1);
  const attributes = body.data[0].attributes;
  return { attributes, image: attributes.image.data?.attributes ?? null };
}

describe('sample slugs', () => {
  it('lists the plain case first and names every case, each slug once', () => {
    expect(SAMPLE_SLUGS[0]).toBe(SAMPLE_SLUGS.normal);
    expect(new Set(SAMPLE_SLUGS).size).toBe(SAMPLE_SLUGS.length);
    expect(SAMPLE_SLUGS.length).toBeGreaterThanOrEqual(7);
  });

  it('normal: a relative JPEG under 300 KB with all four formats, alternative text and size', async () => {
    const { image } = await caseStudy(SAMPLE_SLUGS.normal);
    expect(image).toMatchObject({ mime: 'image/jpeg', url: expect.stringMatching(/^\/uploads\/[^?]+\.jpg$/), alternativeText: expect.any(String), width: 1200, height: 800 });
    expect(image.size).toBeLessThan(300);
    expect(Object.keys(image.formats).sort()).toEqual(['large', 'medium', 'small', 'thumbnail']);
  });

  it('noImage: image.data is null', async () => {
    expect((await caseStudy(SAMPLE_SLUGS.noImage)).image).toBeNull();
  });

  it('hostileText: quotes, markup, character references, non-ASCII and an emoji in title and summary', async () => {
    const { attributes } = await caseStudy(SAMPLE_SLUGS.hostileText);
    expect(attributes.blogTitle).toBe('"><script>alert(1)</script> Café & Co — “Zürich” <b>bold</b>');
    expect(attributes.content).toEqual(expect.stringContaining('&amp;'));
    expect(attributes.content).toEqual(expect.stringContaining('&lt;b&gt;'));
    expect(attributes.content).toEqual(expect.stringContaining('🚀'));
  });

  it('absoluteImageUrl and protocolRelativeImageUrl: media URLs on other hosts', async () => {
    expect((await caseStudy(SAMPLE_SLUGS.absoluteImageUrl)).image.url).toMatch(/^https:\/\/images\.example\.com\/.+\.jpg$/);
    expect((await caseStudy(SAMPLE_SLUGS.protocolRelativeImageUrl)).image.url).toMatch(/^\/\/cdn\.example\.com\/.+\.png$/);
  });

  it('longBody: no summary, and a first section of several thousand characters with newlines and markup', async () => {
    const { attributes } = await caseStudy(SAMPLE_SLUGS.longBody);
    expect(attributes.content).toBeNull();
    const body: string = attributes.blogContent[0].content;
    expect(body.length).toBeGreaterThan(3000);
    expect(body).toContain('\n');
    expect(body).toMatch(/<p>/);
    expect(body).toMatch(/<a href="/);
  });

  it('oversizedImage: an original over 300 KB whose large format is under 300 KB', async () => {
    const { image } = await caseStudy(SAMPLE_SLUGS.oversizedImage);
    expect(image.size).toBe(1843.2);
    expect(image.formats.large.size).toBeLessThan(300);
  });

  it('webpImage and svgImage: types crawlers do not show, WebP with WebP formats only and SVG without formats', async () => {
    const webp = (await caseStudy(SAMPLE_SLUGS.webpImage)).image;
    expect(webp.mime).toBe('image/webp');
    expect(Object.values(webp.formats as Record<string, { mime: string }>).map((format) => format.mime)).toEqual(['image/webp', 'image/webp', 'image/webp', 'image/webp']);
    const svg = (await caseStudy(SAMPLE_SLUGS.svgImage)).image;
    expect([svg.mime, svg.formats]).toEqual(['image/svg+xml', null]);
  });

  it('imageUrlWithQuery and javascriptImageUrl: a query string, and a hostile scheme', async () => {
    expect((await caseStudy(SAMPLE_SLUGS.imageUrlWithQuery)).image.url).toMatch(/^\/uploads\/[^?]+\.png\?updated=123$/);
    expect((await caseStudy(SAMPLE_SLUGS.javascriptImageUrl)).image.url).toMatch(/^javascript:/);
  });

  it('privacies carry a script, an onerror handler and a javascript: link for sanitisers', async () => {
    const { body } = await getJson(server, '/api/privacies?filters[title]=privacy');
    const html = JSON.stringify(body.data[0].attributes.json);
    expect(html).toContain('<script>');
    expect(html).toContain('onerror=');
    expect(html).toContain('javascript:');
  });
});

describe('custom content', () => {
  const tiny: ContentSet = {
    components: {},
    types: [
      {
        kind: 'collectionType',
        singularName: 'note',
        pluralName: 'notes',
        attributes: { text: { type: 'string' }, picture: { type: 'media', multiple: false } },
        entries: [
          {
            id: 7,
            createdAt: '2025-01-01T00:00:00.000Z',
            updatedAt: '2025-01-01T00:00:00.000Z',
            publishedAt: '2025-01-01T00:00:00.000Z',
            text: 'hello',
            picture: uploadedImage({ id: 1, name: 'tiny.gif', hash: 'tiny_1', width: 10, height: 10, size: 0.3, uploadedAt: '2025-01-01T00:00:00.000Z' }),
          },
        ],
      },
    ],
  };

  it('answers the content it is given instead of the sample, and serves its files', async () => {
    const own = await startContentServer({ token: 'other', content: tiny });
    try {
      const { body } = await getJson(own, '/api/notes?populate=picture', 'Bearer other');
      expect(body.data).toEqual([expect.objectContaining({ id: 7, attributes: expect.objectContaining({ text: 'hello' }) })]);
      expect((await fetch(`${own.url}/uploads/tiny_1.gif`)).headers.get('content-type')).toBe('image/gif');
      expect((await getJson(own, '/api/blogs', 'Bearer other')).status).toBe(404);
    } finally {
      await own.close();
    }
  });

  it('refuses at start content with a field its schema lacks', async () => {
    const [note] = tiny.types;
    const typo: ContentSet = { ...tiny, types: [{ ...note!, entries: [{ ...note!.entries[0]!, txet: 'typo' }] }] };
    await expect(startContentServer({ token: TOKEN, content: typo })).rejects.toThrow(/unknown field txet/);
  });

  it('refuses at start a relation to an entry that does not exist', async () => {
    const broken: ContentSet = {
      ...SAMPLE_CONTENT,
      types: SAMPLE_CONTENT.types.map((type) => (type.singularName === 'home-content' ? { ...type, entries: [{ ...type.entries[0]!, services: [404] }] } : type)),
    };
    await expect(startContentServer({ token: TOKEN, content: broken })).rejects.toThrow(/names an id that service lacks/);
  });
});
