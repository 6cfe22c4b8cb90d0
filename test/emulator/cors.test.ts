import type { Emulator } from '../../local/emulator';
import { ALLOWED_ORIGIN } from './fixtures/routes';
import { rawRequest, START_TIMEOUT_MS, startFixtureEmulator } from './helpers';

describe('CORS', () => {
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await startFixtureEmulator('cors');
  }, START_TIMEOUT_MS);

  afterAll(() => emulator.close());

  const preflight = (origin: string, method: string, requestHeaders?: string) =>
    rawRequest(`${emulator.url}/cors-headers`, {
      method: 'OPTIONS',
      headers: [
        ['Origin', origin],
        ['Access-Control-Request-Method', method],
        ...(requestHeaders ? ([['Access-Control-Request-Headers', requestHeaders]] as const) : []),
      ],
    });

  describe('a preflight', () => {
    it('from an allowed origin gets 204 with the configured CORS headers', async () => {
      const response = await preflight(ALLOWED_ORIGIN, 'POST', 'Content-Type, Accept');

      expect(response.status).toBe(204);
      expect(response.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
      expect(response.headers['access-control-allow-methods']?.split(',')).toEqual(expect.arrayContaining(['GET', 'POST', 'HEAD', 'DELETE']));
      expect(response.headers['access-control-allow-headers']).toBe('accept,content-type');
      expect(response.headers['access-control-max-age']).toBe('3600');
      expect(response.body).toHaveLength(0);
    });

    it('never reaches the function', async () => {
      const before = emulator.logs('CorsHeaders').length;

      await preflight(ALLOWED_ORIGIN, 'GET');

      expect(emulator.logs('CorsHeaders')).toHaveLength(before);
    });

    it('is answered even for a path no route has', async () => {
      const response = await rawRequest(`${emulator.url}/no-such-route`, {
        method: 'OPTIONS',
        headers: [
          ['Origin', ALLOWED_ORIGIN],
          ['Access-Control-Request-Method', 'GET'],
        ],
      });

      expect(response.status).toBe(204);
    });

    it.each([
      ['a disallowed origin', 'https://evil.example', 'GET', undefined],
      ['a method the API does not serve', ALLOWED_ORIGIN, 'PUT', undefined],
      ['a header that is not allowed', ALLOWED_ORIGIN, 'POST', 'content-type, x-api-key'],
    ])('with %s gets 204 without any CORS header', async (_case, origin, method, requestHeaders) => {
      const response = await preflight(origin, method, requestHeaders);

      expect(response.status).toBe(204);
      expect(Object.keys(response.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    });
  });

  describe('a response', () => {
    it('to an allowed origin carries the gateway\u2019s CORS headers instead of the function\u2019s', async () => {
      const response = await rawRequest(`${emulator.url}/cors-headers`, { headers: [['Origin', ALLOWED_ORIGIN]] });

      expect(response.status).toBe(200);
      expect(response.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
      expect(response.headers).not.toHaveProperty('access-control-allow-credentials');
      expect(response.headers.vary).toBe('Accept-Encoding, Origin');
    });

    it.each([
      ['a disallowed origin', [['Origin', 'https://evil.example']] as const],
      ['no origin', [] as const],
    ])('to %s carries no CORS header at all, not even the function\u2019s', async (_case, headers) => {
      const response = await rawRequest(`${emulator.url}/cors-headers`, { headers });

      expect(response.status).toBe(200);
      expect(Object.keys(response.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
      expect(response.headers.vary).toBe('Accept-Encoding');
    });
  });
});
