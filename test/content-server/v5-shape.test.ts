import { SAMPLE_SLUGS, startContentServer, type ContentServer } from '../../local/content-server';
import { getJson, TOKEN } from './http';

let server: ContentServer;
beforeAll(async () => {
  server = await startContentServer({ token: TOKEN, apiVersion: 5 });
});
afterAll(() => server.close());

describe('Strapi v5 shape', () => {
  it('answers entries flat, with a documentId beside the id and no attributes wrapper', async () => {
    const { body } = await getJson(server, `/api/blogs?filters[slug]=${SAMPLE_SLUGS.normal}&populate=image&populate=blogContent`);
    const [entry] = body.data;
    expect(entry).not.toHaveProperty('attributes');
    expect(entry).toMatchObject({ id: 1, documentId: expect.stringMatching(/^[a-z][a-z0-9]{23}$/), slug: SAMPLE_SLUGS.normal, blogTitle: expect.any(String) });
    expect(entry.blogContent[0]).toEqual(expect.objectContaining({ id: 1, title: 'The challenge' }));
    expect(body.meta.pagination).toEqual({ page: 1, pageSize: 25, pageCount: 1, total: 1 });
  });

  it('answers media flat (no data wrapper), and an empty media field as null', async () => {
    const withImage = await getJson(server, `/api/blogs?filters[slug]=${SAMPLE_SLUGS.normal}&populate=image`);
    expect(withImage.body.data[0].image).toEqual(expect.objectContaining({ id: 1, documentId: expect.any(String), url: expect.stringMatching(/^\/uploads\//), formats: expect.any(Object) }));
    const withoutImage = await getJson(server, `/api/blogs?filters[slug]=${SAMPLE_SLUGS.noImage}&populate=image`);
    expect(withoutImage.body.data[0].image).toBeNull();
  });

  it('answers relations and multiple media as flat arrays', async () => {
    const home = await getJson(server, '/api/home-content?populate=services&locale=es');
    expect(home.body.data.services.map((service: { slug: string }) => service.slug)).toEqual(['cloud-architecture', 'software-engineering']);
    const services = await getJson(server, '/api/services?filters[slug]=cloud-architecture&populate=images');
    expect(services.body.data[0].images).toHaveLength(2);
  });

  it('gives every locale of one document the same documentId and its own id', async () => {
    const english = (await getJson(server, '/api/home-content?locale=en')).body.data;
    const spanish = (await getJson(server, '/api/home-content?locale=es')).body.data;
    expect(spanish.documentId).toBe(english.documentId);
    expect(spanish.id).not.toBe(english.id);
  });

  it('answers one entry by documentId at /api/<plural>/<documentId>', async () => {
    const listed = (await getJson(server, `/api/blogs?filters[slug]=${SAMPLE_SLUGS.svgImage}`)).body.data[0];
    const { status, body } = await getJson(server, `/api/blogs/${listed.documentId}`);
    expect(status).toBe(200);
    expect(body.data.slug).toBe(SAMPLE_SLUGS.svgImage);
    expect((await getJson(server, `/api/blogs/${listed.id}`)).status).toBe(404);
  });

  it('keeps the v4 error envelope', async () => {
    const { status, body } = await getJson(server, '/api/blogs', 'Bearer wrong');
    expect(status).toBe(401);
    expect(body).toEqual({ data: null, error: { status: 401, name: 'UnauthorizedError', message: 'Missing or invalid credentials', details: {} } });
  });
});
