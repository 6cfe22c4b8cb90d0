import { ROUTES } from '../../lib/routes';
import { startLocalApi, type LocalApi } from '../../local/local-api';
import { SITE_REQUEST } from '../support/contact';

/**
 * The contact form over real HTTP: the real handler and mailer behind the
 * emulator, storing in the local DynamoDB and emailing through the local SES,
 * both reached by the real AWS SDK clients.
 */

/** The headers the live site sends with its request (README, "The contact form"). */
const SITE_HEADERS = { accept: 'application/json', 'content-type': 'application/json' };
const UNTHROTTLED = { rateLimit: 100_000, burstLimit: 100_000 };
// The contact route's own low throttle has its test below; here it would only get in the way of many requests.
const UNTHROTTLED_ROUTES = ROUTES.map(({ throttle: _, ...route }) => route);

describe('POST /sendContactUsMail and /contact', () => {
  let api: LocalApi;
  beforeAll(async () => {
    // No wait before a retry, so a test can run the mailer again at once.
    api = await startLocalApi({
      routes: UNTHROTTLED_ROUTES,
      config: { throttle: UNTHROTTLED, contact: { retryDelaySeconds: 0, maxEmailAttempts: 3 } },
      emulator: { onLog: () => undefined },
    });
  });
  afterAll(() => api.close());
  beforeEach(async () => {
    await Promise.all([api.dynamodb.clear(), api.ses.clear()]);
  });

  const post = (body: unknown, headers: Record<string, string> = SITE_HEADERS, path = '/sendContactUsMail') =>
    fetch(`${api.url}${path}`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });

  async function answer(response: Response) {
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  }

  it('accepts the site\u2019s exact request: 202 with the id, one item stored, one email once the mailer runs', async () => {
    const { status, body } = await answer(await post(SITE_REQUEST));
    expect(status).toBe(202);
    expect(body).toEqual({ status: 'ok', id: expect.stringMatching(/^[0-9a-f]{32}$/) });

    const items = await api.dynamodb.scan();
    expect(items).toHaveLength(1);
    const { id: clientId, ...fields } = SITE_REQUEST;
    expect(items[0]).toMatchObject({ submissionId: body.id, ...fields, clientId, deliveryState: 'pending', outbox: 'due' });

    await api.runJob('ContactMailer');
    const emails = await api.ses.emails();
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({
      from: api.config.contact.senderAddress,
      to: api.config.contact.recipients,
      replyTo: ['ada@example.com'],
      subject: 'Contact form: Cloud enquiry from Analytical Engines Ltd',
    });
    expect(emails[0]?.text).toContain('+447911123456');
    expect(emails[0]?.html).toContain('Ada Lovelace');
    expect((await api.dynamodb.scan())[0]).toMatchObject({ deliveryState: 'sent', attempts: 1 });
  });

  it('answers /contact the same way', async () => {
    expect((await answer(await post(SITE_REQUEST, SITE_HEADERS, '/contact'))).status).toBe(202);
    expect(await api.dynamodb.scan()).toHaveLength(1);
  });

  it('stores and emails a retried POST once, answering the same id', async () => {
    const first = await answer(await post(SITE_REQUEST));
    const second = await answer(await post(SITE_REQUEST));
    expect(second).toEqual(first);
    await api.runJob('ContactMailer');
    await api.runJob('ContactMailer');
    expect(await api.dynamodb.scan()).toHaveLength(1);
    expect(await api.ses.emails()).toHaveLength(1);
  });

  it('answers a double click (two POSTs at once) with one id, one item, never a 500', async () => {
    const answers = await Promise.all([post(SITE_REQUEST), post(SITE_REQUEST), post(SITE_REQUEST)].map(async (response) => answer(await response)));
    expect(new Set(answers.map(({ status }) => status))).toEqual(new Set([202]));
    expect(new Set(answers.map(({ body }) => body.id)).size).toBe(1);
    expect(await api.dynamodb.scan()).toHaveLength(1);
  });

  it('escapes every submitted value in the email\u2019s HTML', async () => {
    await post({ ...SITE_REQUEST, name: '<script>alert(1)</script>', companyName: 'A & B "Ltd"', message: '<img src=x onerror=alert(2)>' });
    await api.runJob('ContactMailer');
    const [email] = await api.ses.emails();
    expect(email?.html).not.toMatch(/<script>|<img/);
    expect(email?.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it.each([
    ['name', 'blank', { name: '  ' }],
    ['name', 'over 100 characters', { name: 'n'.repeat(101) }],
    ['name', 'with a control character', { name: 'Ada\u0000Lovelace' }],
    ['name', 'not text', { name: 42 }],
    ['companyName', 'empty', { companyName: '' }],
    ['companyName', 'over 200 characters', { companyName: 'c'.repeat(201) }],
    ['email', 'without an @', { email: 'not-an-address' }],
    ['email', 'without a dot in the domain', { email: 'ada@example' }],
    ['email', 'over 254 characters', { email: `${'a'.repeat(250)}@example.com` }],
    ['phoneNumber', 'too short', { phoneNumber: '12345' }],
    ['phoneNumber', 'not a number', { phoneNumber: 'call me' }],
    ['interest', 'not one of the six', { interest: 'Knitting' }],
    ['interest', 'in the wrong case', { interest: 'cloud' }],
    ['message', 'over 5,000 characters', { message: 'm'.repeat(5001) }],
    ['id', 'over 100 characters', { id: 'i'.repeat(101) }],
  ])('answers 400 naming %s when it is %s, storing nothing', async (field, _, change) => {
    const { status, body } = await answer(await post({ ...SITE_REQUEST, ...change }));
    expect(status).toBe(400);
    expect(body).toMatchObject({ status: 'error', message: 'Invalid request' });
    expect(Object.keys(body.details.fields)).toEqual([field]);
    expect(await api.dynamodb.scan()).toHaveLength(0);
  });

  it('names every bad field at once', async () => {
    const { body } = await answer(await post({ id: SITE_REQUEST.id }));
    expect(Object.keys(body.details.fields).sort()).toEqual(['companyName', 'email', 'interest', 'name', 'phoneNumber']);
  });

  it.each([
    ['a body that is not JSON', '{"name": ', SITE_HEADERS, 400],
    ['an empty body', '', SITE_HEADERS, 400],
    ['a JSON array', '[]', SITE_HEADERS, 400],
    ['a content type that is not JSON', 'name=Ada', { 'content-type': 'application/x-www-form-urlencoded' }, 415],
    ['a body over 16 KB', JSON.stringify({ ...SITE_REQUEST, message: 'x'.repeat(17_000) }), SITE_HEADERS, 413],
  ])('answers %s with the error envelope and its status', async (_, body, headers, status) => {
    const response = await post(body, headers);
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ status: 'error', message: expect.any(String), details: {} });
    expect(await api.dynamodb.scan()).toHaveLength(0);
  });

  it('reads a JSON body the gateway hands over base64-encoded', async () => {
    // HTTP API base64-encodes every body whose type is not text, such as this JSON media type.
    const { status } = await answer(await post(SITE_REQUEST, { 'content-type': 'application/ld+json; charset=UTF-8' }));
    expect(status).toBe(202);
    expect(await api.dynamodb.scan()).toHaveLength(1);
  });

  it('ignores unknown fields and does not store them', async () => {
    await post({ ...SITE_REQUEST, isAdmin: true, __proto__: { polluted: true } });
    const [item] = await api.dynamodb.scan();
    expect(item).not.toHaveProperty('isAdmin');
    expect(item).not.toHaveProperty('polluted');
  });

  it('answers a filled honeypot like a success, storing and sending nothing', async () => {
    const { status, body } = await answer(await post({ ...SITE_REQUEST, website: 'https://spam.example' }));
    expect([status, body.status]).toEqual([202, 'ok']);
    await api.runJob('ContactMailer');
    expect(await api.dynamodb.scan()).toHaveLength(0);
    expect(await api.ses.emails()).toHaveLength(0);
  });

  it('answers 503 when the store cannot be reached, and works again once it is back', async () => {
    await api.dynamodb.stop();
    try {
      const { status, body } = await answer(await post(SITE_REQUEST));
      expect(status).toBe(503);
      expect(body).toMatchObject({ status: 'error' });
    } finally {
      await api.dynamodb.start();
    }
    expect((await answer(await post(SITE_REQUEST))).status).toBe(202);
  });

  it('accepts while the mail service is down, then emails once it is back, exactly once', async () => {
    await api.ses.stop();
    try {
      expect((await answer(await post(SITE_REQUEST))).status).toBe(202);
      await api.runJob('ContactMailer');
      expect((await api.dynamodb.scan())[0]).toMatchObject({ deliveryState: 'pending', attempts: 1, outbox: 'due' });
    } finally {
      await api.ses.start();
    }
    await api.runJob('ContactMailer');
    await api.runJob('ContactMailer');
    expect(await api.ses.emails()).toHaveLength(1);
    expect((await api.dynamodb.scan())[0]).toMatchObject({ deliveryState: 'sent', attempts: 2 });
  });

  it('marks a submission failed after its last attempt, out of the outbox', async () => {
    await api.ses.stop();
    try {
      await post(SITE_REQUEST);
      for (let run = 0; run < 4; run += 1) await api.runJob('ContactMailer');
      const [item] = await api.dynamodb.scan();
      expect(item).toMatchObject({ deliveryState: 'failed', attempts: 3 });
      expect(item).not.toHaveProperty('outbox');
    } finally {
      await api.ses.start();
    }
    await api.runJob('ContactMailer');
    expect(await api.ses.emails()).toHaveLength(0);
  });

  it('never logs the submitter\u2019s email, phone or message', async () => {
    await post({ ...SITE_REQUEST, message: 'A private message' });
    await post({ ...SITE_REQUEST, id: 'other', email: 'broken' });
    await api.runJob('ContactMailer');
    const logs = [...api.emulator.logs('Contact'), ...api.emulator.logs('ContactMailer')].join('\n');
    for (const secret of ['ada@example.com', '7911123456', 'A private message', 'Lovelace']) expect(logs).not.toContain(secret);
    expect(logs).toContain('"ContactSubmitted":1');
    expect(logs).toContain('"ContactEmailSent":1');
  });

  it('lets the site\u2019s preflight through and no other origin\u2019s', async () => {
    const preflight = (origin: string) =>
      fetch(`${api.url}/sendContactUsMail`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'accept,content-type' },
      });
    const site = await preflight('https://marchcroft.com');
    expect(site.status).toBe(204);
    expect(site.headers.get('access-control-allow-origin')).toBe('https://marchcroft.com');
    expect(site.headers.get('access-control-allow-methods')).toContain('POST');
    expect(site.headers.get('access-control-allow-headers')?.toLowerCase()).toMatch(/content-type/);
    expect((await preflight('https://evil.example.com')).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('the contact route\u2019s own throttle', () => {
  it('answers 429 past its low burst, from the route table', async () => {
    const api = await startLocalApi({ emulator: { onLog: () => undefined } });
    try {
      const statuses = await Promise.all(
        Array.from({ length: 40 }, () => fetch(`${api.url}/contact`, { method: 'POST', headers: SITE_HEADERS, body: '{}' }).then((response) => response.status)),
      );
      expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
      // The burst, and what the rate refills while the requests arrive.
      expect(statuses.filter((status) => status === 400).length).toBeLessThanOrEqual(25);
    } finally {
      await api.close();
    }
  });
});
