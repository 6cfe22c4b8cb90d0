import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SERVICES } from '../../lambda/content/content-types';
import { collectionAnswer } from '../../lambda/content/model';
import { safeJson } from '../../lambda/content/sanitise';
import { createCmsClient } from '../../lambda/shared/cms/client';
import { absoluteMediaUrl } from '../../lambda/shared/cms/media-url';
import { isCmsError } from '../../lambda/shared/errors';

/**
 * Adversarial review regressions (unit level). Each `it` failed when written.
 */

describe('links made safe for an attribute', () => {
  // safeLink promises a link "cannot leave an attribute it is written into"; the WHATWG serialiser keeps `"` in a
  // host and `'` in a path, so `<a href="${href}">` would gain an onmouseover attribute.
  it.each([
    'https://a"onmouseover="alert(1)',
    "https://x.example/'onfocus='alert(1)'autofocus='",
    "https://a'onmouseover='alert(1)",
  ])('never answers a quote in the absolute link %j', (href) => {
    const { href: safe } = safeJson({ href }) as { href: string | null };
    expect(safe === null || !/["'<>`\s]/.test(safe)).toBe(true);
  });

  it.each(['https://cdn"onerror="alert(1)/x.png', "https://cdn.example/x'onerror='alert(1).png"])('never answers a quote in the media URL %j', (url) => {
    const safe = absoluteMediaUrl(url, 'https://cms.example.com');
    expect(safe === undefined || !/["'<>`\s]/.test(safe)).toBe(true);
  });

  // `%${charCode.toString(16)}` is only right below U+0100: U+2028 becomes `%2028` (" 28"), U+3000 `%3000` ("000").
  it.each([
    ['/a\u2028b', '/a%E2%80%A8b'],
    ['/a\u3000b', '/a%E3%80%80b'],
    ['/a\u00a0b', '/a%C2%A0b'],
  ])('percent-encodes the non-ASCII space in %j as UTF-8', (href, expected) => {
    expect(safeJson({ href })).toEqual({ href: expected });
  });
});

describe('why an answer failed', () => {
  let server: Server;
  let baseUrl: string;
  beforeAll(async () => {
    const depth = 5000;
    const body = `{"data":[{"id":1,"attributes":{"slug":"s","serviceContent":[{"id":1,"type":"t","content":${'['.repeat(depth)}"x"${']'.repeat(depth)}}]}}]}`;
    server = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  // The stack overflow in safeJson is caught by the client and logged as a network failure, sending whoever is on call to the wrong place.
  it('reports an answer too deeply nested to read as unreadable, not as a network failure', async () => {
    const cms = createCmsClient({ baseUrl, token: async () => 't', timeoutMs: 3000 });
    const error = await cms.get('services', new URLSearchParams(), collectionAnswer(SERVICES.fields, { cmsUrl: baseUrl })).catch((caught: unknown) => caught);
    expect(isCmsError(error)).toBe(true);
    expect((error as { reason: string }).reason).toBe('unreadable');
  });
});
