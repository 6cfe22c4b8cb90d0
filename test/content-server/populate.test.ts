import { SAMPLE_SLUGS, startContentServer, type ContentServer } from '../../local/content-server';
import { getJson, TOKEN } from './http';

let server: ContentServer;
beforeAll(async () => {
  server = await startContentServer({ token: TOKEN });
});
afterAll(() => server.close());

/** The attributes of the plain sample case study under `query`. */
async function normalBlog(query: string) {
  const { status, body } = await getJson(server, `/api/blogs?filters[slug]=${SAMPLE_SLUGS.normal}${query}`);
  expect(status).toBe(200);
  return body.data[0].attributes;
}

describe('populate', () => {
  it('leaves media and components out entirely without populate, but keeps scalars and JSON fields', async () => {
    const attributes = await normalBlog('');
    expect(attributes).not.toHaveProperty('image');
    expect(attributes).not.toHaveProperty('blogContent');
    expect(attributes).toMatchObject({ blogTitle: expect.any(String), slug: SAMPLE_SLUGS.normal, date: '2025-11-18', tags: ['Cloud', 'AWS', 'Migration'] });
    expect(attributes).toEqual(expect.objectContaining({ createdAt: expect.any(String), updatedAt: expect.any(String), publishedAt: expect.any(String) }));
  });

  it('answers a populated media field as { data: { id, attributes } } with Strapi\'s file fields', async () => {
    const { image } = await normalBlog('&populate=image');
    expect(image.data.id).toEqual(expect.any(Number));
    expect(Object.keys(image.data.attributes).sort()).toEqual(
      ['alternativeText', 'caption', 'createdAt', 'ext', 'formats', 'hash', 'height', 'mime', 'name', 'previewUrl', 'provider', 'provider_metadata', 'size', 'updatedAt', 'url', 'width'].sort(),
    );
    expect(image.data.attributes.url).toMatch(/^\/uploads\/.+\.jpg$/);
    expect(Object.keys(image.data.attributes.formats).sort()).toEqual(['large', 'medium', 'small', 'thumbnail']);
    expect(image.data.attributes.formats.thumbnail).toEqual(
      expect.objectContaining({ ext: '.jpg', mime: 'image/jpeg', path: null, url: expect.stringMatching(/^\/uploads\/thumbnail_/), width: 234, height: 156, size: expect.any(Number) }),
    );
  });

  it('answers an empty single media field as { data: null }', async () => {
    const { body } = await getJson(server, `/api/blogs?filters[slug]=${SAMPLE_SLUGS.noImage}&populate=image`);
    expect(body.data[0].attributes.image).toEqual({ data: null });
  });

  it('populates what each form names: repeated, indexed, comma-separated and object', async () => {
    for (const query of ['&populate=image&populate=blogContent', '&populate[0]=image&populate[1]=blogContent', '&populate=image,blogContent', '&populate[image]=true&populate[blogContent]=true']) {
      const attributes = await normalBlog(query);
      expect(attributes.image.data.attributes.url).toMatch(/^\/uploads\//);
      expect(attributes.blogContent.map((section: { id: number }) => section.id)).toEqual([1, 2, 3]);
    }
    const onlyImage = await normalBlog('&populate=image');
    expect(onlyImage).not.toHaveProperty('blogContent');
  });

  it('answers components as plain objects with id, without the media inside them unless a nested populate names it', async () => {
    const shallow = await normalBlog('&populate=blogContent');
    expect(shallow.blogContent[1]).toEqual({ id: 2, title: 'What we did', content: expect.stringContaining('<p>') });
    const nested = await normalBlog('&populate=blogContent.image');
    expect(nested.blogContent[1].image.data.attributes.url).toMatch(/^\/uploads\/.+\.png$/);
    expect(nested.blogContent[0].image).toEqual({ data: null });
  });

  it('populates every first-level media, component and relation with *, one level deep', async () => {
    const attributes = await normalBlog('&populate=*');
    expect(attributes.image.data).not.toBeNull();
    expect(attributes.blogContent).toHaveLength(3);
    expect(attributes.blogContent[1]).not.toHaveProperty('image');
  });

  it('answers the home page query: solutions with icons, services as a relation, technologies with icons', async () => {
    const { status, body } = await getJson(server, '/api/home-content?populate=solutions.icon&populate=services&populate=technologies.icon&locale=en');
    expect(status).toBe(200);
    expect(body.meta).toEqual({});
    const { attributes } = body.data;
    expect(attributes.solutions[0].icon.data.attributes.url).toMatch(/^\/uploads\//);
    expect(attributes.technologies[0].icon.data.attributes.mime).toBe('image/svg+xml');
    expect(attributes.services.data.map((service: { attributes: { slug: string } }) => service.attributes.slug)).toEqual(['cloud-architecture', 'software-engineering', 'ux-design']);
    // A populated relation is shallow too: the service's own media stays out.
    expect(attributes.services.data[0].attributes).not.toHaveProperty('images');
  });

  it('answers a multiple media field as { data: [...] }, empty when unset', async () => {
    const { body } = await getJson(server, '/api/services?populate=images&locale=en&sort=id');
    expect(body.data[0].attributes.images.data).toHaveLength(2);
    expect(body.data[2].attributes.images).toEqual({ data: [] });
  });

  it('applies fields, filters and sort inside a populate object', async () => {
    const attributes = await normalBlog('&populate[blogContent][fields][0]=title&populate[blogContent][filters][id][$gt]=1&populate[blogContent][sort]=id:desc');
    expect(attributes.blogContent).toEqual([
      { id: 3, title: 'The result' },
      { id: 2, title: 'What we did' },
    ]);
  });

  it('answers 400 ValidationError for populating an unknown or scalar field', async () => {
    for (const populate of ['nope', 'blogTitle', 'image.nope']) {
      const { status, body } = await getJson(server, `/api/blogs?populate=${populate}`);
      expect(status).toBe(400);
      expect(body.error.name).toBe('ValidationError');
    }
  });
});

describe('fields', () => {
  it('answers only id and the named scalar fields', async () => {
    const { body } = await getJson(server, `/api/blogs?filters[slug]=${SAMPLE_SLUGS.normal}&fields[0]=slug&fields[1]=date`);
    expect(body.data).toEqual([{ id: 1, attributes: { slug: SAMPLE_SLUGS.normal, date: '2025-11-18' } }]);
  });

  it('answers 400 ValidationError for an unknown field', async () => {
    expect((await getJson(server, '/api/blogs?fields=nope')).status).toBe(400);
  });
});
