import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Emulator } from '../../local/emulator';
import { rawRequest, START_TIMEOUT_MS, startFixtureEmulator } from './helpers';

interface Echo {
  readonly event: APIGatewayProxyEventV2;
}

describe('the payload 2.0 event', () => {
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await startFixtureEmulator('event');
  }, START_TIMEOUT_MS);

  afterAll(() => emulator.close());

  async function echo(path: string, options: Parameters<typeof rawRequest>[1] = {}): Promise<APIGatewayProxyEventV2> {
    const response = await rawRequest(`${emulator.url}${path}`, options);
    expect(response.status).toBe(200);
    return (JSON.parse(response.body.toString()) as Echo).event;
  }

  it('names the version, the route key and the path', async () => {
    // Act
    const event = await echo('/echo/42/items/7');

    // Assess
    expect(event.version).toBe('2.0');
    expect(event.routeKey).toBe('GET /echo/{id}/items/{item}');
    expect(event.rawPath).toBe('/echo/42/items/7');
    expect(event.requestContext.routeKey).toBe('GET /echo/{id}/items/{item}');
    expect(event.requestContext.http.path).toBe('/echo/42/items/7');
  });

  it('gives URL-decoded path parameters and a decoded rawPath', async () => {
    const event = await echo('/echo/caf%C3%A9%20au%20lait/items/a%2Bb');

    expect(event.pathParameters).toEqual({ id: 'café au lait', item: 'a+b' });
    expect(event.rawPath).toBe('/echo/café au lait/items/a+b');
  });

  it('omits pathParameters on a route without parameters', async () => {
    const event = await echo('/echo');

    expect(event).not.toHaveProperty('pathParameters');
  });

  it('keeps the raw query string without "?" and decodes queryStringParameters, joining repeats with commas', async () => {
    const event = await echo('/echo/1/items/2?tag=a&tag=b&q=caf%C3%A9+cr%C3%A8me&empty=&flag');

    expect(event.rawQueryString).toBe('tag=a&tag=b&q=caf%C3%A9+cr%C3%A8me&empty=&flag');
    expect(event.queryStringParameters).toEqual({ tag: 'a,b', q: 'café crème', empty: '', flag: '' });
  });

  it('passes a parameter named like an object property on as it is', async () => {
    const event = await echo('/echo/1/items/2?__proto__=x&constructor=y');

    expect(Object.entries(event.queryStringParameters ?? {})).toEqual([
      ['__proto__', 'x'],
      ['constructor', 'y'],
    ]);
  });

  it('omits queryStringParameters and leaves rawQueryString empty without a query', async () => {
    const event = await echo('/echo/1/items/2');

    expect(event.rawQueryString).toBe('');
    expect(event).not.toHaveProperty('queryStringParameters');
  });

  it('lower-cases header names and joins repeated headers with commas', async () => {
    const event = await echo('/echo/1/items/2', {
      headers: [
        ['X-Repeated', 'one'],
        ['X-Repeated', 'two'],
        ['Accept-Language', 'pt-PT'],
      ],
    });

    expect(event.headers['x-repeated']).toBe('one,two');
    expect(event.headers['accept-language']).toBe('pt-PT');
    expect(Object.keys(event.headers).every((name) => name === name.toLowerCase())).toBe(true);
  });

  it('moves cookies out of the headers into cookies[]', async () => {
    const event = await echo('/echo/1/items/2', {
      headers: [
        ['Cookie', 'session=abc; theme=dark'],
        ['Cookie', 'consent=yes'],
      ],
    });

    expect(event.cookies).toEqual(['session=abc', 'theme=dark', 'consent=yes']);
    expect(event.headers).not.toHaveProperty('cookie');
  });

  it('omits cookies when the request has none', async () => {
    const event = await echo('/echo/1/items/2');

    expect(event).not.toHaveProperty('cookies');
  });

  it('adds the forwarding and trace headers API Gateway adds, and drops hop-by-hop headers', async () => {
    const event = await echo('/echo/1/items/2', { headers: [['X-Forwarded-For', '203.0.113.9']] });
    const port = new URL(emulator.url).port;

    expect(event.headers['x-forwarded-for']).toBe('203.0.113.9, 127.0.0.1');
    expect(event.headers['x-forwarded-port']).toBe(port);
    expect(event.headers['x-forwarded-proto']).toBe('http');
    expect(event.headers['x-amzn-trace-id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(event.headers).not.toHaveProperty('connection');
    expect(event.headers.host).toBe(`127.0.0.1:${port}`);
  });

  it('fills requestContext as HTTP API does', async () => {
    const before = Date.now();
    const event = await echo('/echo/1/items/2', { headers: [['User-Agent', 'facebookexternalhit/1.1']] });
    const port = new URL(emulator.url).port;
    const { requestContext } = event;

    expect(requestContext.accountId).toBe('123456789012');
    expect(requestContext.apiId).toMatch(/^[a-z0-9]{10}$/);
    expect(requestContext.domainName).toBe(`127.0.0.1:${port}`);
    expect(requestContext.domainPrefix).toBe('127');
    expect(requestContext.http).toEqual({
      method: 'GET',
      path: '/echo/1/items/2',
      protocol: 'HTTP/1.1',
      sourceIp: '127.0.0.1',
      userAgent: 'facebookexternalhit/1.1',
    });
    expect(requestContext.requestId).toMatch(/^[A-Za-z0-9+/]{15}=$/);
    expect(requestContext.stage).toBe('$default');
    expect(requestContext.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(requestContext.timeEpoch).toBeGreaterThanOrEqual(before);
    expect(requestContext.timeEpoch).toBeLessThanOrEqual(Date.now());
  });

  it('gives every request its own request id', async () => {
    const [first, second] = await Promise.all([echo('/echo/1/items/2'), echo('/echo/1/items/2')]);

    expect(first.requestContext.requestId).not.toBe(second.requestContext.requestId);
  });

  it('omits the body and sets isBase64Encoded false for a request without one', async () => {
    const event = await echo('/echo/1/items/2');

    expect(event).not.toHaveProperty('body');
    expect(event.isBase64Encoded).toBe(false);
  });

  it.each([
    ['application/json', '{"name":"Ana"}'],
    ['application/json; charset=utf-8', '{"name":"Ana"}'],
    ['text/plain', 'olá'],
    ['application/xml', '<a/>'],
  ])('passes a %s body as text', async (contentType, body) => {
    const event = await echo('/echo/1/items/2', { method: 'POST', headers: [['Content-Type', contentType]], body });

    expect(event.body).toBe(body);
    expect(event.isBase64Encoded).toBe(false);
    expect(event.requestContext.http.method).toBe('POST');
    expect(event.routeKey).toBe('POST /echo/{id}/items/{item}');
  });

  it.each([
    ['application/octet-stream'],
    ['application/x-www-form-urlencoded'],
    ['image/png'],
  ])('base64-encodes a %s body', async (contentType) => {
    const body = Buffer.from([0x00, 0xff, 0x61, 0x3d, 0x31]);

    const event = await echo('/echo/1/items/2', { method: 'POST', headers: [['Content-Type', contentType]], body });

    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body ?? '', 'base64')).toEqual(body);
  });

  it('base64-encodes a body sent without a content type', async () => {
    const event = await echo('/echo/1/items/2', { method: 'POST', body: 'untyped' });

    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body ?? '', 'base64').toString()).toBe('untyped');
  });

  it('gives a chunked body its content-length, as the gateway buffers it', async () => {
    const event = await echo('/echo/1/items/2', {
      method: 'POST',
      headers: [
        ['Content-Type', 'text/plain'],
        ['Transfer-Encoding', 'chunked'],
      ],
      body: 'chunked body',
    });

    expect(event.body).toBe('chunked body');
    expect(event.headers['content-length']).toBe('12');
    expect(event.headers).not.toHaveProperty('transfer-encoding');
  });
});
