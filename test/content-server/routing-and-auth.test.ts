import { SAMPLE_DRAFT_SLUG, SAMPLE_SLUGS, startContentServer, type ContentServer } from '../../local/content-server';
import { getJson, TOKEN } from './http';

let server: ContentServer;
beforeAll(async () => {
  server = await startContentServer({ token: TOKEN });
});
afterAll(() => server.close());

describe('authentication', () => {
  it('answers 403 ForbiddenError when no Authorization header is sent', async () => {
    const { status, body } = await getJson(server, '/api/blogs', null);
    expect(status).toBe(403);
    expect(body).toEqual({ data: null, error: { status: 403, name: 'ForbiddenError', message: 'Forbidden', details: {} } });
  });

  it('treats a header that is not "Bearer <token>" as no credentials (403)', async () => {
    expect((await getJson(server, '/api/blogs', `Basic ${Buffer.from('a:b').toString('base64')}`)).status).toBe(403);
    expect((await getJson(server, '/api/blogs', 'Bearer')).status).toBe(403);
  });

  it('answers 401 UnauthorizedError for a Bearer token that is not the configured one', async () => {
    const { status, body } = await getJson(server, '/api/blogs', 'Bearer not-the-token');
    expect(status).toBe(401);
    expect(body).toEqual({ data: null, error: { status: 401, name: 'UnauthorizedError', message: 'Missing or invalid credentials', details: {} } });
  });

  it('accepts the scheme in any case, as Strapi does', async () => {
    expect((await getJson(server, '/api/blogs', `bearer ${TOKEN}`)).status).toBe(200);
  });
});

describe('routes', () => {
  it('answers 404 NotFoundError for an unknown route, before any authentication', async () => {
    const { status, body } = await getJson(server, '/api/nothing-here', null);
    expect(status).toBe(404);
    expect(body).toEqual({ data: null, error: { status: 404, name: 'NotFoundError', message: 'Not Found', details: {} } });
  });

  it('serves collections at their plural name and single types at their singular name only', async () => {
    expect((await getJson(server, '/api/blogs')).status).toBe(200);
    expect((await getJson(server, '/api/home-content')).status).toBe(200);
    expect((await getJson(server, '/api/blog')).status).toBe(404);
    expect((await getJson(server, '/api/home-contents')).status).toBe(404);
  });

  it('answers a trailing slash like the route without it', async () => {
    const { status, body } = await getJson(server, '/api/blogs/');
    expect(status).toBe(200);
    expect(body.data.length).toBeGreaterThan(0);
  });

  it('answers one entry by id at /api/<plural>/<id>, and 404 for an id that does not exist', async () => {
    const found = await getJson(server, '/api/blogs/2');
    expect(found.status).toBe(200);
    expect(found.body).toEqual({ data: expect.objectContaining({ id: 2 }), meta: {} });
    expect(found.body.data.attributes.slug).toBe(SAMPLE_SLUGS.noImage);
    expect((await getJson(server, '/api/blogs/9999')).status).toBe(404);
  });

  it('answers 405 MethodNotAllowedError to a write on a known route', async () => {
    const response = await fetch(`${server.url}/api/blogs`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: '{"data":{}}' });
    expect(response.status).toBe(405);
    expect(((await response.json()) as { error: { name: string } }).error.name).toBe('MethodNotAllowedError');
  });

  it('answers JSON with the charset, as Strapi does', async () => {
    const { headers } = await getJson(server, '/api/blogs');
    expect(headers.get('content-type')).toBe('application/json; charset=utf-8');
  });
});

describe('drafts', () => {
  it('leaves drafts out unless publicationState=preview asks for them', async () => {
    const live = await getJson(server, `/api/blogs?filters[slug]=${SAMPLE_DRAFT_SLUG}`);
    expect(live.body.data).toEqual([]);
    const preview = await getJson(server, `/api/blogs?filters[slug]=${SAMPLE_DRAFT_SLUG}&publicationState=preview`);
    expect(preview.body.data).toHaveLength(1);
    expect(preview.body.data[0].attributes.publishedAt).toBeNull();
  });

  it('refuses a publicationState other than live or preview with 400 ValidationError', async () => {
    const { status, body } = await getJson(server, '/api/blogs?publicationState=everything');
    expect(status).toBe(400);
    expect(body.error.name).toBe('ValidationError');
  });
});

describe('recorded requests', () => {
  it('records method, path, parsed query, raw URL and Authorization of every request, uploads included', async () => {
    server.clearRequests();
    const raw = '/api/blogs?filters[slug][$eq]=a%20b&populate[0]=image&populate[1]=blogContent&flag';
    await getJson(server, raw, 'Bearer whatever');
    await fetch(`${server.url}/uploads/none.png`);
    expect(server.requests).toEqual([
      {
        method: 'GET',
        path: '/api/blogs',
        query: { filters: { slug: { $eq: 'a b' } }, populate: ['image', 'blogContent'], flag: null },
        url: raw,
        authorization: 'Bearer whatever',
      },
      { method: 'GET', path: '/uploads/none.png', query: {}, url: '/uploads/none.png', authorization: undefined },
    ]);
  });

  it('hands out a copy of the recorded requests, and forgets them on clearRequests', async () => {
    server.clearRequests();
    await getJson(server, '/api/blogs');
    const snapshot = server.requests;
    await getJson(server, '/api/blogs');
    expect(snapshot).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
    server.clearRequests();
    expect(server.requests).toEqual([]);
  });
});
