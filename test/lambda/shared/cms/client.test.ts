import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as v from 'valibot';
import { createCmsClient } from '../../../../lambda/shared/cms/client';
import { CmsError } from '../../../../lambda/shared/errors';

type Reply = (request: IncomingMessage, response: ServerResponse) => void;

/** A real HTTP server on a free port whose answers each test scripts, one per request. */
async function scriptedServer(replies: Reply[]): Promise<{ url: string; requests: IncomingMessage[]; server: Server }> {
  const requests: IncomingMessage[] = [];
  const server = createServer((request, response) => {
    requests.push(request);
    const reply = replies[Math.min(requests.length - 1, replies.length - 1)]!;
    reply(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, server };
}

const json = (status: number, body: unknown): Reply => (_, response) => {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};
const schema = v.object({ data: v.array(v.object({ id: v.number() })) });

describe('createCmsClient', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
  });

  async function clientFor(replies: Reply[], timeoutMs = 1000) {
    const scripted = await scriptedServer(replies);
    server = scripted.server;
    const cms = createCmsClient({ baseUrl: scripted.url, token: async () => 'secret-token', timeoutMs });
    return { cms, requests: scripted.requests, url: scripted.url };
  }

  async function failure(promise: Promise<unknown>): Promise<CmsError> {
    try {
      await promise;
    } catch (error) {
      if (error instanceof CmsError) return error;
      throw error;
    }
    throw new Error('expected a CmsError');
  }

  it('GETs /api/<path> with the query encoded and the Bearer token', async () => {
    const { cms, requests } = await clientFor([json(200, { data: [{ id: 1 }] })]);
    const query = new URLSearchParams([['filters[slug][$eq]', 'a&b=c']]);
    await expect(cms.get('blogs', query, schema)).resolves.toEqual({ data: [{ id: 1 }] });
    expect(requests[0]?.url).toBe('/api/blogs?filters%5Bslug%5D%5B%24eq%5D=a%26b%3Dc');
    expect(requests[0]?.headers.authorization).toBe('Bearer secret-token');
  });

  it('retries once after a 5xx and answers the retry', async () => {
    const { cms, requests } = await clientFor([json(503, {}), json(200, { data: [] })]);
    await expect(cms.get('blogs', new URLSearchParams(), schema)).resolves.toEqual({ data: [] });
    expect(requests).toHaveLength(2);
  });

  it('gives up after one retry', async () => {
    const { cms, requests } = await clientFor([json(500, {})]);
    const error = await failure(cms.get('blogs', new URLSearchParams(), schema));
    expect([error.reason, error.status, requests.length]).toEqual(['status', 500, 2]);
  });

  it.each([401, 403, 404])('does not retry a %i', async (status) => {
    const { cms, requests } = await clientFor([json(status, { data: null, error: { status } })]);
    const error = await failure(cms.get('blogs', new URLSearchParams(), schema));
    expect([error.reason, error.status, requests.length]).toEqual(['status', status, 1]);
  });

  it('reports a body that is not JSON as unreadable', async () => {
    const { cms } = await clientFor([(_, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('<html>')]);
    expect((await failure(cms.get('blogs', new URLSearchParams(), schema))).reason).toBe('unreadable');
  });

  it('reports JSON of the wrong shape as unreadable', async () => {
    const { cms } = await clientFor([json(200, { data: 'oops' })]);
    expect((await failure(cms.get('blogs', new URLSearchParams(), schema))).reason).toBe('unreadable');
  });

  it('gives up at its time budget when the CMS does not answer', async () => {
    const { cms } = await clientFor([() => undefined], 200);
    expect((await failure(cms.get('blogs', new URLSearchParams(), schema))).reason).toBe('timeout');
  });

  it('reports a refused connection as a network failure', async () => {
    const { cms } = await clientFor([json(200, {})]);
    await new Promise((resolve) => server?.close(resolve));
    expect((await failure(cms.get('blogs', new URLSearchParams(), schema))).reason).toBe('network');
  });

  it('refuses to follow a redirect, to another host or its own', async () => {
    const elsewhere = await scriptedServer([json(200, { data: [{ id: 666 }] })]);
    try {
      const { cms } = await clientFor([(_, response) => response.writeHead(302, { location: `${elsewhere.url}/api/blogs` }).end()]);
      expect((await failure(cms.get('blogs', new URLSearchParams(), schema))).reason).toBe('network');
      expect(elsewhere.requests).toHaveLength(0);
    } finally {
      elsewhere.server.close();
    }
  });

  it('refuses an answer that declares more bytes than it reads', async () => {
    const { cms } = await clientFor([(_, response) => response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(3 * 1024 * 1024) }).end('{}')]);
    expect((await failure(cms.get('blogs', new URLSearchParams(), schema))).reason).toBe('unreadable');
  });

  it('stops reading a chunked answer past its size limit', async () => {
    const { cms } = await clientFor([
      (_, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write(`{"data":[${'{"id":1},'.repeat(300_000)}`);
        response.end('{"id":1}]}');
      },
    ]);
    expect((await failure(cms.get('blogs', new URLSearchParams(), schema))).reason).toBe('unreadable');
  });

  it('gives up at its time budget on a body that trickles in', async () => {
    const { cms } = await clientFor([
      (_, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('{"data":[');
      },
    ], 300);
    expect((await failure(cms.get('blogs', new URLSearchParams(), schema))).reason).toBe('timeout');
  });

  it('never puts the token in the error it throws', async () => {
    const { cms } = await clientFor([json(401, { error: 'nope' })]);
    const error = await failure(cms.get('blogs', new URLSearchParams(), schema));
    expect(JSON.stringify({ message: error.message, path: error.path, reason: error.reason })).not.toContain('secret-token');
  });
});
