import type { Emulator } from '../../local/emulator';
import { PIXEL_PNG_BASE64 } from './fixtures/structured';
import { headerValues, rawRequest, START_TIMEOUT_MS, startFixtureEmulator } from './helpers';

describe('response mapping', () => {
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await startFixtureEmulator('responses');
  }, START_TIMEOUT_MS);

  afterAll(() => emulator.close());

  describe('a result without statusCode (simple response)', () => {
    it('is a 200 application/json with the value as JSON', async () => {
      const response = await fetch(`${emulator.url}/simple`);

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(await response.text()).toBe('{"hello":"world"}');
    });

    it.each([
      ['string', 'plain text'],
      ['array', '[1,2,3]'],
      ['nothing', 'null'],
    ])('for a %s result has the body %s', async (kind, body) => {
      const response = await fetch(`${emulator.url}/simple?kind=${kind}`);

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(await response.text()).toBe(body);
    });
  });

  describe('a structured response', () => {
    it('sends the status, the headers and the base64 body decoded', async () => {
      const response = await rawRequest(`${emulator.url}/structured/binary`);

      expect(response.status).toBe(201);
      expect(response.headers['content-type']).toBe('image/png');
      expect(response.headers['x-custom']).toBe('one,two');
      expect(response.body).toEqual(Buffer.from(PIXEL_PNG_BASE64, 'base64'));
      expect(response.headers['content-length']).toBe(String(response.body.length));
    });

    it('turns each cookie into its own Set-Cookie header', async () => {
      const response = await rawRequest(`${emulator.url}/structured/binary`);

      expect(headerValues(response, 'set-cookie')).toEqual(['session=abc; Path=/; HttpOnly', 'theme=dark']);
    });

    it('ignores multiValueHeaders, a payload 1.0 field', async () => {
      const response = await rawRequest(`${emulator.url}/structured/binary`);

      expect(response.headers).not.toHaveProperty('x-multi');
    });

    it('carries the API Gateway request id', async () => {
      const response = await rawRequest(`${emulator.url}/structured/binary`);

      expect(response.headers['apigw-requestid']).toMatch(/^[A-Za-z0-9+/]{15}=$/);
    });

    it('gets text/plain when it names no content type', async () => {
      const response = await fetch(`${emulator.url}/structured/untyped`);

      expect(response.status).toBe(202);
      expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(await response.text()).toBe('no content type given');
    });

    it('passes an error status from the function through', async () => {
      const response = await fetch(`${emulator.url}/structured/other`);

      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ message: 'no such variant' });
    });
  });

  it('answers HEAD with the status and headers the function gave, and no body', async () => {
    const response = await rawRequest(`${emulator.url}/structured/binary`, { method: 'HEAD' });

    expect(response.status).toBe(201);
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.headers['content-length']).toBe(String(Buffer.from(PIXEL_PNG_BASE64, 'base64').length));
    expect(headerValues(response, 'set-cookie')).toHaveLength(2);
    expect(response.body).toHaveLength(0);
  });

  it.each([
    ['status-string', 'statusCode must be an integer'],
    ['status-fraction', 'statusCode must be an integer'],
    ['body-object', 'body must be a string'],
    ['header-number', 'header "x-count" must be a string'],
    ['cookies-string', 'cookies must be an array of strings'],
    ['bad-base64', 'body is not valid base64'],
  ])('answers a malformed response (%s) with 500 and notes why in the logs', async (kind, reason) => {
    const response = await fetch(`${emulator.url}/malformed/${kind}`);

    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: 'Internal Server Error' });
    expect(emulator.logs('Malformed').some((line) => line.includes(reason))).toBe(true);
  });

  it('answers 500 when a header value is not valid HTTP', async () => {
    const response = await fetch(`${emulator.url}/malformed/header-newline`);

    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: 'Internal Server Error' });
  });

  it('answers 500 when the result is over the 6 MB Lambda response limit', async () => {
    const response = await fetch(`${emulator.url}/big-response`);

    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: 'Internal Server Error' });
    expect(emulator.logs('BigResponse').some((line) => line.includes('Function.ResponseSizeTooLarge'))).toBe(true);
  });
});
