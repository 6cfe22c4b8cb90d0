import { randomBytes } from 'node:crypto';
import type { StageConfig, StageOverrides } from '../lib/config';
import { localResourceNames } from '../lib/function-settings';
import { needs, type FunctionDefinition } from '../lib/functions';
import { JOBS, type JobDefinition } from '../lib/jobs';
import { ROUTES, type RouteDefinition } from '../lib/routes';
import { localCredentialsEnvironment } from './aws/credentials';
import { startLocalDynamoDb, type LocalDynamoDb } from './aws/dynamodb';
import { startLocalSes, type LocalSes } from './aws/ses';
import { startContentServer, type ContentServer, type ContentServerOptions } from './content-server';
import { startEmulator, type Emulator, type EmulatorOptions } from './emulator';
import { stageConfigFromCdkJson } from './stage-config';

export interface LocalApiOptions {
  /** @default 0 (a free port) */
  readonly port?: number;
  /**
   * A real Strapi to read instead of the embedded content server.
   * @default - the embedded content server, with a random token
   */
  readonly cms?: { readonly url: string; readonly token: string };
  /**
   * Options of the embedded content server (ignored with `cms`).
   * @default - Strapi v4 answers with the sample content
   */
  readonly contentServer?: Omit<ContentServerOptions, 'token' | 'port' | 'host'>;
  /**
   * Laid over the dev stage's settings in cdk.json (the CMS URL is always the local one).
   * @default - none
   */
  readonly config?: Omit<StageOverrides, 'cmsUrl'>;
  /** @default ROUTES */
  readonly routes?: readonly RouteDefinition[];
  /** @default JOBS */
  readonly jobs?: readonly JobDefinition[];
  /**
   * Milliseconds between scheduled runs of the jobs (the contact mailer), in place of
   * the stage's `contact.mailerIntervalMinutes`.
   * @default - none: jobs run only when `runJob()` asks (what tests want)
   */
  readonly mailerIntervalMs?: number;
  /** @default - the emulator's own defaults */
  readonly emulator?: Pick<EmulatorOptions, 'functionTimeoutMs' | 'integrationTimeoutMs' | 'buildDir' | 'onLog'>;
}

export interface LocalApi {
  readonly url: string;
  readonly config: StageConfig;
  readonly emulator: Emulator;
  /** Undefined when a real Strapi was given. */
  readonly contentServer?: ContentServer;
  /** The DynamoDB stand-in, holding the contact-submissions table. */
  readonly dynamodb: LocalDynamoDb;
  /** The SES v2 stand-in, holding every email the functions sent. */
  readonly ses: LocalSes;
  /** The CMS token the functions use: a secret only in the sense that tests check it never leaks. */
  readonly cmsToken: string;
  /** What a function's environment has locally on top of the stack's: for running a handler outside the emulator, as the benchmark does. */
  environmentFor(definition: FunctionDefinition): Record<string, string>;
  /** Runs a job (e.g. `ContactMailer`) once, as its schedule would, and resolves with its result. */
  runJob(id: string): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * The whole API on localhost: the real handlers behind the HTTP API emulator, with
 * the dev stage's configuration, reading the embedded content server (or a real
 * Strapi), storing in a local DynamoDB and sending through a local SES. `npm start`,
 * the integration tests and the benchmark all start it this way.
 */
export async function startLocalApi(options: LocalApiOptions = {}): Promise<LocalApi> {
  const cmsToken = options.cms?.token ?? randomBytes(16).toString('hex');
  const opened: { close(): Promise<void> }[] = [];
  const closeOpened = () => Promise.all(opened.splice(0).reverse().map((service) => service.close()));
  try {
    // Side by side; all settle before a failure is thrown, so whatever did start is closed.
    const [contentServer, ses] = await allStarted(
      options.cms ? undefined : startContentServer({ ...options.contentServer, token: cmsToken }).then((server) => remember(opened, server)),
      startLocalSes().then((mail) => remember(opened, mail)),
    );
    const cmsUrl = (options.cms?.url ?? contentServer!.url).replace(/\/+$/, '');
    const config = stageConfigFromCdkJson('dev', { ...options.config, cmsUrl });
    const resources = localResourceNames(config);
    const dynamodb = remember(opened, await startLocalDynamoDb({ tables: { contactSubmissions: resources.contactSubmissionsTableName } }));

    const emulator = await startEmulator({
      ...options.emulator,
      routes: options.routes ?? ROUTES,
      jobs: options.jobs ?? JOBS,
      ...(options.mailerIntervalMs !== undefined ? { jobIntervalMs: options.mailerIntervalMs } : {}),
      config,
      resources,
      port: options.port ?? 0,
      functionEnvironment: (definition) => localEnvironment(definition, { cmsToken, dynamodb, ses }),
    });
    return {
      url: emulator.url,
      config,
      emulator,
      contentServer,
      dynamodb,
      ses,
      cmsToken,
      runJob: (id) => emulator.runJob(id),
      environmentFor: (definition) => localEnvironment(definition, { cmsToken, dynamodb, ses }),
      async close() {
        await emulator.close();
        await closeOpened();
      },
    };
  } catch (error) {
    await closeOpened();
    throw error;
  }
}

/**
 * What a function gets locally that AWS gives it otherwise: credentials (Lambda gives
 * every function its role's; these only sign requests to the stand-ins), the CMS token
 * itself, where AWS has only the secret's name, and the stand-ins' endpoints, where the
 * SDK finds AWS's on its own. Each but the credentials only for the functions that need
 * it, as the roles grant it in AWS.
 */
function localEnvironment(
  definition: FunctionDefinition,
  local: { readonly cmsToken: string; readonly dynamodb: LocalDynamoDb; readonly ses: LocalSes },
): Record<string, string> {
  return {
    ...localCredentialsEnvironment(),
    ...(needs(definition, 'cms') ? { CMS_TOKEN: local.cmsToken } : {}),
    ...(needs(definition, 'contactStore') || needs(definition, 'contactOutbox') ? { AWS_ENDPOINT_URL_DYNAMODB: local.dynamodb.endpoint } : {}),
    ...(needs(definition, 'mail') ? { AWS_ENDPOINT_URL_SESV2: local.ses.endpoint } : {}),
  };
}

async function allStarted<A, B>(a: Promise<A> | undefined, b: Promise<B>): Promise<[A | undefined, B]> {
  const [first, second] = await Promise.allSettled([a, b]);
  if (first.status === 'rejected') throw first.reason;
  if (second.status === 'rejected') throw second.reason;
  return [first.value, second.value];
}

function remember<T extends { close(): Promise<void> }>(opened: { close(): Promise<void> }[], service: T): T {
  opened.push(service);
  return service;
}
