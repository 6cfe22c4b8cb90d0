import type { RouteDefinition } from '../../lib/routes';
import type { Emulator } from '../../local/emulator';
import { Router } from '../../local/emulator/router';
import { rawRequest, START_TIMEOUT_MS, startFixtureEmulator } from './helpers';

describe('routing over HTTP', () => {
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await startFixtureEmulator('routing');
  }, START_TIMEOUT_MS);

  afterAll(() => emulator.close());

  it.each([
    ['an unknown path', 'GET', '/nowhere'],
    ['a method the route does not have', 'PUT', '/echo'],
    ['HEAD on a GET-only route', 'HEAD', '/simple'],
    ['a missing path parameter', 'GET', '/echo/1/items/'],
    ['an extra segment', 'GET', '/simple/extra'],
    ['a trailing slash', 'GET', '/simple/'],
    ['OPTIONS that is not a preflight', 'OPTIONS', '/simple'],
  ])('answers %s with 404 Not Found', async (_case, method, path) => {
    const response = await rawRequest(`${emulator.url}${path}`, { method });

    expect(response.status).toBe(404);
    if (method !== 'HEAD') expect(JSON.parse(response.body.toString())).toEqual({ message: 'Not Found' });
  });

  it('matches literal segments case-sensitively', async () => {
    const response = await fetch(`${emulator.url}/SIMPLE`);

    expect(response.status).toBe(404);
  });
});

describe('Router', () => {
  const route = (id: string, path: string): RouteDefinition => ({
    id,
    description: id,
    methods: ['GET'],
    path,
    entry: `${id}.ts`,
  });
  // defineRoutes accepts no greedy paths yet; the router supports them as API Gateway does.
  const router = new Router([
    route('Proxy', '/files/{proxy+}'),
    route('File', '/files/{name}'),
    route('Readme', '/files/readme'),
  ]);

  it('prefers a literal segment over a parameter over a greedy parameter', () => {
    expect(router.match('GET', '/files/readme')?.route.id).toBe('Readme');
    expect(router.match('GET', '/files/notes')?.route.id).toBe('File');
    expect(router.match('GET', '/files/docs/notes')?.route.id).toBe('Proxy');
  });

  it('gives a greedy parameter the rest of the path, decoded', () => {
    expect(router.match('GET', '/files/a/b%20c/d')).toEqual({
      route: expect.objectContaining({ id: 'Proxy' }),
      routeKey: 'GET /files/{proxy+}',
      pathParameters: { proxy: 'a/b c/d' },
    });
  });

  it('does not match a greedy parameter to nothing', () => {
    expect(router.match('GET', '/files')).toBeUndefined();
    expect(router.match('GET', '/files/')).toBeUndefined();
  });
});
