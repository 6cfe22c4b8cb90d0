import { SendEmailCommand, SESv2Client, type SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { LOCAL_AWS_CREDENTIALS, LOCAL_AWS_REGION } from '../../local/aws/credentials';
import { startLocalSes, type LocalSes } from '../../local/aws/ses';

/** The SDK as a handler uses it, pointed at the stand-in; one attempt, so a refused connection fails at once. */
function clientFor(ses: LocalSes): SESv2Client {
  return new SESv2Client({ endpoint: ses.endpoint, region: LOCAL_AWS_REGION, credentials: LOCAL_AWS_CREDENTIALS, maxAttempts: 1 });
}

/** A SendEmail as the mailer sends one: Simple content, text and HTML, Reply-To the submitter. */
function salesEmail(subject = 'Contact form: Cloud enquiry from Acme'): SendEmailCommandInput {
  return {
    FromEmailAddress: 'Marchcroft website <website@marchcroft.com>',
    Destination: { ToAddresses: ['sales@marchcroft.com', 'ops@marchcroft.com'] },
    ReplyToAddresses: ['ada@example.com'],
    Content: {
      Simple: {
        Subject: { Data: subject, Charset: 'UTF-8' },
        Body: {
          Text: { Data: 'Name: Ada Lovelace\nMessage: Grüße ✓', Charset: 'UTF-8' },
          Html: { Data: '<p>Name: Ada Lovelace</p><p>Message: Grüße &lt;b&gt; ✓</p>', Charset: 'UTF-8' },
        },
      },
    },
  };
}

describe('the local SES', () => {
  let ses: LocalSes;
  let client: SESv2Client;

  beforeAll(async () => {
    ses = await startLocalSes();
    client = clientFor(ses);
  });

  afterAll(async () => {
    client.destroy();
    await ses.close();
  });

  beforeEach(() => ses.clear());

  it('listens on 127.0.0.1', () => {
    expect(ses.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('keeps an email sent with SESv2Client SendEmail, with its parsed fields, under the MessageId it answered', async () => {
    const { MessageId } = await client.send(new SendEmailCommand(salesEmail()));

    const emails = await ses.emails();

    expect(emails).toEqual([
      {
        messageId: MessageId,
        from: 'Marchcroft website <website@marchcroft.com>',
        to: ['sales@marchcroft.com', 'ops@marchcroft.com'],
        cc: [],
        bcc: [],
        replyTo: ['ada@example.com'],
        subject: 'Contact form: Cloud enquiry from Acme',
        text: 'Name: Ada Lovelace\nMessage: Grüße ✓',
        html: '<p>Name: Ada Lovelace</p><p>Message: Grüße &lt;b&gt; ✓</p>',
        headers: [],
        attachments: [],
        receivedAt: expect.any(Date),
      },
    ]);
    expect(Math.abs(emails[0]!.receivedAt.getTime() - Date.now())).toBeLessThan(5000);
  });

  it('sends from any address: no identity needs verifying first', async () => {
    await client.send(new SendEmailCommand({ ...salesEmail(), FromEmailAddress: 'never-verified@example.org' }));

    expect((await ses.emails()).map((email) => email.from)).toEqual(['never-verified@example.org']);
  });

  it('keeps emails in the order they came', async () => {
    await client.send(new SendEmailCommand(salesEmail('first')));
    await client.send(new SendEmailCommand(salesEmail('second')));

    expect((await ses.emails()).map((email) => email.subject)).toEqual(['first', 'second']);
  });

  it('refuses an unsigned request, as SES does', async () => {
    const response = await fetch(`${ses.endpoint}/v2/email/outbound-emails`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ FromEmailAddress: 'a@example.com', Content: { Simple: { Subject: { Data: 's' }, Body: { Text: { Data: 't' } } } } }),
    });

    expect(response.status).toBe(403);
    expect(await ses.emails()).toEqual([]);
  });

  it('clear() forgets every email', async () => {
    await client.send(new SendEmailCommand(salesEmail()));

    await ses.clear();

    expect(await ses.emails()).toEqual([]);
  });

  it('serves its web inbox at its root', async () => {
    const response = await fetch(ses.inboxUrl);

    expect(ses.inboxUrl).toBe(`${ses.endpoint}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('is reached from AWS_ENDPOINT_URL_SESV2 alone, as a handler\u2019s `new SESv2Client({})` reaches it', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_SESV2: ses.endpoint,
      AWS_REGION: LOCAL_AWS_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_AWS_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_AWS_CREDENTIALS.secretAccessKey,
      AWS_SESSION_TOKEN: LOCAL_AWS_CREDENTIALS.sessionToken,
    });
    const plain = new SESv2Client({});
    try {
      await plain.send(new SendEmailCommand(salesEmail('through the environment')));
    } finally {
      plain.destroy();
      process.env = saved;
    }

    expect((await ses.emails()).map((email) => email.subject)).toEqual(['through the environment']);
  });

  it('refuses connections while stopped, keeps its emails, and takes mail again on the same endpoint once started', async () => {
    await client.send(new SendEmailCommand(salesEmail('before')));
    const endpoint = ses.endpoint;
    const fresh = clientFor(ses);
    try {
      await ses.stop();
      await expect(fresh.send(new SendEmailCommand(salesEmail('while down')))).rejects.toThrow(/ECONNREFUSED/);
      expect(ses.running).toBe(false);
      expect((await ses.emails()).map((email) => email.subject)).toEqual(['before']);
    } finally {
      fresh.destroy();
      await ses.start();
    }

    await client.send(new SendEmailCommand(salesEmail('after')));

    expect(ses.running).toBe(true);
    expect(ses.endpoint).toBe(endpoint);
    expect((await ses.emails()).map((email) => email.subject)).toEqual(['before', 'after']);
  });
});

describe('two local SES side by side', () => {
  it('keep their emails apart, and clearing one leaves the other', async () => {
    const [one, other] = await Promise.all([startLocalSes(), startLocalSes()]);
    const [oneClient, otherClient] = [clientFor(one), clientFor(other)];
    try {
      await oneClient.send(new SendEmailCommand(salesEmail('to one')));
      await otherClient.send(new SendEmailCommand(salesEmail('to the other')));

      await one.clear();

      expect(await one.emails()).toEqual([]);
      expect((await other.emails()).map((email) => email.subject)).toEqual(['to the other']);
    } finally {
      oneClient.destroy();
      otherClient.destroy();
      await Promise.all([one.close(), other.close()]);
    }
  });
});

describe('a closed local SES', () => {
  it.each([
    ['running', async () => undefined],
    ['stopped', async (ses: LocalSes) => ses.stop()],
  ])('frees its port when closed while %s, and can be closed twice', async (_state, before) => {
    const ses = await startLocalSes();
    const client = clientFor(ses);
    try {
      await before(ses);

      await ses.close();
      await ses.close();

      await expect(client.send(new SendEmailCommand(salesEmail()))).rejects.toThrow(/ECONNREFUSED/);
      expect(ses.running).toBe(false);
    } finally {
      client.destroy();
    }
  });

  it('answers no more questions once closed', async () => {
    const ses = await startLocalSes();

    await ses.close();

    await expect(ses.emails()).rejects.toThrow('aws-ses-v2-local is closed');
  });

  it('refuses a port that is taken, naming the cause', async () => {
    const taken = await startLocalSes();
    try {
      const port = Number(new URL(taken.endpoint).port);

      await expect(startLocalSes({ port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await taken.close();
    }
  });
});
