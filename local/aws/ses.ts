import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { httpUrl } from './listening';

export interface LocalSesOptions {
  /** @default 0 (a free port, kept across stop() and start()) */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
}

/** One email the stand-in received, as the SES v2 SendEmail call described it. */
export interface LocalEmail {
  /** The `MessageId` SendEmail answered. */
  readonly messageId: string;
  /** `FromEmailAddress`, as given (e.g. `Marchcroft <website@marchcroft.com>`). */
  readonly from: string;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly bcc: readonly string[];
  /** `ReplyToAddresses`. */
  readonly replyTo: readonly string[];
  readonly subject: string;
  /** The plain-text part, if any. */
  readonly text?: string;
  /** The HTML part, if any. */
  readonly html?: string;
  /** Custom headers of Simple content. */
  readonly headers: readonly { readonly name: string; readonly value: string }[];
  readonly attachments: readonly { readonly filename?: string; readonly contentType: string; readonly size: number }[];
  /** When it arrived, to the second (the stand-in keeps whole seconds). */
  readonly receivedAt: Date;
}

/** An SES v2 stand-in (aws-ses-v2-local) that keeps every email it is sent, with a web inbox. */
export interface LocalSes {
  /** e.g. `http://127.0.0.1:PORT`: what `AWS_ENDPOINT_URL_SESV2` is set to. */
  readonly endpoint: string;
  /** The web inbox (aws-ses-v2-local's viewer, live-updating) at the endpoint's root. */
  readonly inboxUrl: string;
  /** Whether it accepts connections (false between stop() and start()). */
  readonly running: boolean;
  /** Every email received so far, oldest first; readable while stopped too. */
  emails(): Promise<LocalEmail[]>;
  /** Forgets every email (and template). */
  clear(): Promise<void>;
  /** Stops listening and drops every connection, keeping the emails: senders get ECONNREFUSED until start(). */
  stop(): Promise<void>;
  /** Listens again on the same host and port. */
  start(): Promise<void>;
  /** Stops for good. */
  close(): Promise<void>;
}

/** aws-ses-v2-local's record of an email (`dist/store.d.ts`). */
interface StoredEmail {
  readonly messageId: string;
  readonly from: string;
  readonly replyTo: string[];
  readonly destination: { readonly to: string[]; readonly cc: string[]; readonly bcc: string[] };
  readonly subject: string;
  readonly body: { readonly html?: string; readonly text?: string };
  readonly attachments: { readonly filename?: string; readonly contentType: string; readonly size: number }[];
  readonly headers?: { readonly name: string; readonly value: string }[];
  /** Epoch seconds. */
  readonly at: number;
}

type WorkerRequest = { readonly type: 'listen'; readonly host: string; readonly port: number } | { readonly type: 'close' | 'emails' | 'clear' };
type WorkerReply = { readonly id: number } & ({ readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string; readonly code?: string });

/**
 * The worker that runs aws-ses-v2-local. The package keeps its emails in module state, one
 * store per process; in a worker of its own each LocalSes has its own store, so two local
 * APIs in one test file never see (or clear) each other's emails.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const startServer = require(workerData.serverModule).default;
const store = require(workerData.storeModule);
let server;
const listenOn = (host, port) => new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(port, host, () => { server.off('error', reject); resolve(); });
});
const handlers = {
  async listen({ host, port }) {
    if (server === undefined) {
      server = await startServer({ host, port });
      // express reports a failed listen only to the callback, which aws-ses-v2-local ignores: try again for the error.
      if (!server.listening) await listenOn(host, port);
    } else if (!server.listening) {
      await listenOn(host, port);
    }
    return server.address().port;
  },
  async close() {
    if (server === undefined || !server.listening) return;
    await new Promise((resolve) => { server.close(() => resolve()); server.closeAllConnections(); });
  },
  emails: () => store.getStoreReadonly().emails,
  clear: () => store.clearStore(),
};
parentPort.on('message', async (request) => {
  try {
    parentPort.postMessage({ id: request.id, ok: true, value: await handlers[request.type](request) });
  } catch (error) {
    parentPort.postMessage({ id: request.id, ok: false, message: String(error && error.message || error), code: error && error.code });
  }
});
`;

/** Starts aws-ses-v2-local on `127.0.0.1` (a free port unless told) in a worker thread of its own. */
export async function startLocalSes(options: LocalSesOptions = {}): Promise<LocalSes> {
  const host = options.host ?? '127.0.0.1';
  const serverModule = require.resolve('aws-ses-v2-local');
  // Emails stay on this machine: aws-ses-v2-local would forward each one to the SMTP server SMTP_TRANSPORT names.
  const env = { ...process.env };
  delete env.SMTP_TRANSPORT;
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    env,
    workerData: { serverModule, storeModule: join(dirname(serverModule), 'store.js') },
  });
  // Never what keeps a process alive (close() ends it, and a forgotten one dies with its process),
  // except while a call to it is under way.
  worker.unref();

  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let ended: Error | undefined;
  const endAll = (error: Error) => {
    ended ??= error;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  worker.on('message', (reply: WorkerReply) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if (!waiting) return;
    if (reply.ok) waiting.resolve(reply.value);
    else waiting.reject(Object.assign(new Error(`aws-ses-v2-local: ${reply.message}`), reply.code ? { code: reply.code } : {}));
  });
  worker.on('error', (error) => endAll(new Error(`aws-ses-v2-local's worker failed: ${error.message}`, { cause: error })));
  worker.on('exit', () => endAll(new Error('aws-ses-v2-local is closed')));
  const ask = <T>(request: WorkerRequest): Promise<T> => {
    if (ended) return Promise.reject(ended);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      if (pending.size === 0) worker.ref();
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ ...request, id });
    });
  };

  let port: number;
  try {
    port = await ask<number>({ type: 'listen', host, port: options.port ?? 0 });
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  const endpoint = httpUrl(host, port);
  let running = true;
  let closing: Promise<void> | undefined;

  return {
    endpoint,
    inboxUrl: `${endpoint}/`,
    get running() {
      return running;
    },
    emails: async () => (await ask<StoredEmail[]>({ type: 'emails' })).map(toLocalEmail),
    clear: () => ask<void>({ type: 'clear' }),
    async stop() {
      if (!running || closing) return;
      running = false;
      await ask({ type: 'close' });
    },
    async start() {
      if (running || closing) return;
      await ask({ type: 'listen', host, port });
      running = true;
    },
    close() {
      closing ??= (async () => {
        running = false;
        await ask({ type: 'close' }).catch(() => undefined);
        await worker.terminate();
      })();
      return closing;
    },
  };
}

function toLocalEmail(stored: StoredEmail): LocalEmail {
  return {
    messageId: stored.messageId,
    from: stored.from,
    to: stored.destination.to,
    cc: stored.destination.cc,
    bcc: stored.destination.bcc,
    replyTo: stored.replyTo,
    subject: stored.subject,
    ...(stored.body.text !== undefined ? { text: stored.body.text } : {}),
    ...(stored.body.html !== undefined ? { html: stored.body.html } : {}),
    headers: stored.headers ?? [],
    attachments: stored.attachments.map(({ filename, contentType, size }) => ({ ...(filename !== undefined ? { filename } : {}), contentType, size })),
    receivedAt: new Date(stored.at * 1000),
  };
}
