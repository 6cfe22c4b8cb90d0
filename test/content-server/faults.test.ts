import { SAMPLE_SLUGS, startContentServer, type ContentServer } from '../../local/content-server';
import { getJson, TOKEN } from './http';

let server: ContentServer;
beforeAll(async () => {
  server = await startContentServer({ token: TOKEN });
});
afterEach(() => server.setFault(null));
afterAll(() => server.close());

const blogsUrl = () => `${server.url}/api/blogs?filters[slug]=${SAMPLE_SLUGS.normal}`;
const authorized = { headers: { authorization: `Bearer ${TOKEN}` } };

describe('faults', () => {
  it('answers a status fault with the Strapi error envelope for that status', async () => {
    server.setFault({ kind: 'status', status: 503 });
    const { status, body } = await getJson(server, '/api/blogs');
    expect(status).toBe(503);
    expect(body).toEqual({ data: null, error: { status: 503, name: 'ServiceUnavailableError', message: 'Service Unavailable', details: {} } });
    server.setFault({ kind: 'status', status: 500 });
    expect((await getJson(server, '/api/blogs')).body.error.name).toBe('InternalServerError');
  });

  it('answers a status fault with the given body when there is one', async () => {
    server.setFault({ kind: 'status', status: 502, body: '<html>Bad Gateway</html>' });
    const response = await fetch(blogsUrl(), authorized);
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toBe('<html>Bad Gateway</html>');
  });

  it('applies a fault before authentication and routing: every /api request fails', async () => {
    server.setFault({ kind: 'status', status: 500 });
    expect((await getJson(server, '/api/blogs', null)).status).toBe(500);
    expect((await getJson(server, '/api/unknown-type')).status).toBe(500);
  });

  it('answers normally after the delay of a delay fault', async () => {
    server.setFault({ kind: 'delay', ms: 150 });
    const started = performance.now();
    const { status, body } = await getJson(server, `/api/blogs?filters[slug]=${SAMPLE_SLUGS.normal}`);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(status).toBe(200);
    expect(body.data[0].attributes.slug).toBe(SAMPLE_SLUGS.normal);
  });

  it('answers 200 application/json that does not parse for a garbage fault', async () => {
    server.setFault({ kind: 'garbage' });
    const response = await fetch(blogsUrl(), authorized);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    // toThrow(SyntaxError) would compare across realms (fetch's and Jest's); the message says it all.
    await expect(response.json()).rejects.toThrow(/JSON/);
  });

  it('answers 200 JSON that is no Strapi answer for a wrong-shape fault', async () => {
    server.setFault({ kind: 'wrong-shape' });
    const { status, body } = await getJson(server, '/api/blogs');
    expect(status).toBe(200);
    expect(body).toEqual({ data: 'oops' });
  });

  it('drops the connection without an answer for a reset fault', async () => {
    server.setFault({ kind: 'reset' });
    await expect(fetch(blogsUrl(), authorized)).rejects.toMatchObject({ message: 'fetch failed', cause: { code: 'ECONNRESET' } });
  });

  it('keeps serving media while a fault is set', async () => {
    const { body } = await getJson(server, `/api/blogs?filters[slug]=${SAMPLE_SLUGS.normal}&populate=image`);
    server.setFault({ kind: 'reset' });
    const response = await fetch(`${server.url}${body.data[0].attributes.image.data.attributes.url}`);
    expect(response.status).toBe(200);
  });

  it('answers normally again once the fault is cleared with null', async () => {
    server.setFault({ kind: 'status', status: 503 });
    server.setFault(null);
    expect((await getJson(server, '/api/blogs')).status).toBe(200);
  });
});

describe('close', () => {
  it('closes promptly while a delayed request is pending, failing that request', async () => {
    const own = await startContentServer({ token: TOKEN });
    own.setFault({ kind: 'delay', ms: 60_000 });
    const pending = fetch(`${own.url}/api/blogs`, authorized);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await own.close();
    expect(performance.now() - started).toBeLessThan(1000);
    await expect(pending).rejects.toThrow('fetch failed');
  });

  it('closes promptly with idle keep-alive connections open', async () => {
    const own = await startContentServer({ token: TOKEN });
    await (await fetch(`${own.url}/api/blogs`, authorized)).text();
    const started = performance.now();
    await own.close();
    expect(performance.now() - started).toBeLessThan(1000);
    await expect(fetch(`${own.url}/api/blogs`, authorized)).rejects.toThrow('fetch failed');
  });
});
