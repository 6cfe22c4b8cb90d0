import type { Emulator } from '../../local/emulator';
import { rawRequest, START_TIMEOUT_MS, startFixtureEmulator } from './helpers';

const MB = 1024 * 1024;

describe('gateway limits', () => {
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await startFixtureEmulator('gateway-limits', { integrationTimeoutMs: 1000, functionTimeoutMs: 4000 });
  }, START_TIMEOUT_MS);

  afterAll(() => emulator.close());

  const invocations = (routeId: string) => emulator.logs(routeId).filter((line) => line.startsWith('START ')).length;

  it('answers 429 Too Many Requests past the route\u2019s burst, without invoking the function', async () => {
    // Arrange: Limited allows a burst of 2 and refills 1 a second; all three arrive at once.
    const requests = [1, 2, 3].map(() => fetch(`${emulator.url}/limited`));

    // Act
    const responses = await Promise.all(requests);

    // Assess
    expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 429]);
    const refused = responses.find((response) => response.status === 429);
    expect(await refused?.json()).toEqual({ message: 'Too Many Requests' });
    expect(invocations('Limited')).toBe(2);
  });

  it('throttles each route key on its own', async () => {
    const response = await fetch(`${emulator.url}/simple`);

    expect(response.status).toBe(200);
  });

  it('answers a body over 10 MB with 413 before invoking anything', async () => {
    const response = await fetch(`${emulator.url}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.alloc(10 * MB + 1, 0x61),
    });

    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ message: 'Request Entity Too Large' });
    expect(invocations('EchoRoot')).toBe(0);
  });

  it('answers 413 when a body under 10 MB makes an event over Lambda\u2019s 6 MB request limit', async () => {
    // Base64 grows a 5 MB binary body to about 6.7 MB of event.
    const response = await fetch(`${emulator.url}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.alloc(5 * MB),
    });

    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ message: 'Request Entity Too Large' });
    expect(invocations('EchoRoot')).toBe(0);
  });

  it('passes a 5 MB text body, whose event stays under 6 MB', async () => {
    // A warm container first: the integration timeout is short here, and a cold start is not what this measures.
    await fetch(`${emulator.url}/echo`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'warm' });

    const response = await rawRequest(`${emulator.url}/echo`, {
      method: 'POST',
      headers: [['Content-Type', 'text/plain']],
      body: Buffer.alloc(5 * MB, 0x61),
    });

    expect(response.status).toBe(200);
  });

  it('answers 503 Service Unavailable when the function outlasts the integration timeout', async () => {
    const started = Date.now();

    const response = await fetch(`${emulator.url}/sleep/2500`);

    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ message: 'Service Unavailable' });
    expect(Date.now() - started).toBeLessThan(2400);
    expect(emulator.logs('Sleep').some((line) => line.includes('integration timeout'))).toBe(true);
  });
});
