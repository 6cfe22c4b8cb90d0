import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startLocalApi, type LocalApi } from '../../local/local-api';

/**
 * The contact form from a real browser: Debian's Chromium, driven by
 * playwright-core, posting as the site does. CORS is enforced by the browser,
 * so this is the one test that proves the preflight works for the site and
 * fails for everyone else.
 */

const CHROMIUM = '/usr/bin/chromium';
const PAGE = readFileSync(join(__dirname, 'contact-form.html'));

/** A static server for the form page: each one is its own origin. */
async function pageServer(): Promise<{ origin: string; server: Server }> {
  const server = createServer((_, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('the contact form in a browser', () => {
  let allowed: { origin: string; server: Server };
  let other: { origin: string; server: Server };
  let api: LocalApi;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: install Debian's with 'apt-get install -y chromium' (npm test does it when it runs as root).`);
    [allowed, other] = await Promise.all([pageServer(), pageServer()]);
    api = await startLocalApi({ config: { corsAllowedOrigins: [allowed.origin] }, emulator: { onLog: () => undefined } });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      // As root, without a sandbox; and no calls home, which this machine's closed network would refuse.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    allowed?.server.close();
    other?.server.close();
  });

  async function submitFrom(origin: string): Promise<string> {
    const page = await browser.newPage();
    try {
      await page.goto(`${origin}/contact?api=${encodeURIComponent(api.url)}`);
      await page.fill('[name=name]', 'Ada Lovelace');
      await page.fill('[name=email]', 'ada@example.com');
      await page.fill('[name=companyName]', 'Analytical Engines Ltd');
      await page.fill('[name=phoneNumber]', '+44 7911 123456');
      await page.selectOption('[name=interest]', 'Cloud');
      await page.click('button[type=submit]');
      await page.waitForSelector('#result:not(:empty)');
      return (await page.textContent('#result')) ?? '';
    } finally {
      await page.close();
    }
  }

  it('is accepted from an allowed origin, stored once and emailed once', async () => {
    const result = await submitFrom(allowed.origin);
    expect(result).toMatch(/^answered 202 \{"status":"ok","id":"[0-9a-f]{32}"\}$/);
    const items = await api.dynamodb.scan();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ name: 'Ada Lovelace', phoneNumber: '+447911123456', interest: 'Cloud' });
    await api.runJob('ContactMailer');
    await api.runJob('ContactMailer');
    const emails = await api.ses.emails();
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ replyTo: ['ada@example.com'], subject: 'Contact form: Cloud enquiry from Analytical Engines Ltd' });
  });

  it('is blocked by the browser from any other origin, and nothing reaches the store', async () => {
    const before = (await api.dynamodb.scan()).length;
    expect(await submitFrom(other.origin)).toBe('blocked TypeError');
    expect(await api.dynamodb.scan()).toHaveLength(before);
  });
});
