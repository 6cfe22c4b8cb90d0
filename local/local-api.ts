import { randomBytes } from 'node:crypto';
import type { StageConfig, StageOverrides } from '../lib/config';
import { ROUTES, type RouteDefinition } from '../lib/routes';
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
  /** @default - the emulator's own defaults */
  readonly emulator?: Pick<EmulatorOptions, 'functionTimeoutMs' | 'integrationTimeoutMs' | 'buildDir' | 'onLog'>;
}

export interface LocalApi {
  readonly url: string;
  readonly config: StageConfig;
  readonly emulator: Emulator;
  /** Undefined when a real Strapi was given. */
  readonly contentServer?: ContentServer;
  /** The CMS token the functions use: a secret only in the sense that tests check it never leaks. */
  readonly cmsToken: string;
  close(): Promise<void>;
}

/**
 * The whole API on localhost: the real handlers behind the HTTP API emulator,
 * with the dev stage's configuration, reading the embedded content server
 * (or a real Strapi). `npm start`, the integration tests and the benchmark
 * all start it this way.
 */
export async function startLocalApi(options: LocalApiOptions = {}): Promise<LocalApi> {
  const cmsToken = options.cms?.token ?? randomBytes(16).toString('hex');
  const contentServer = options.cms ? undefined : await startContentServer({ ...options.contentServer, token: cmsToken });
  const cmsUrl = (options.cms?.url ?? contentServer!.url).replace(/\/+$/, '');
  const config = stageConfigFromCdkJson('dev', { ...options.config, cmsUrl });
  try {
    const emulator = await startEmulator({
      ...options.emulator,
      routes: options.routes ?? ROUTES,
      config,
      port: options.port ?? 0,
      // The one difference from AWS: the token itself, where AWS has only the secret's name, and only for CMS routes.
      routeEnvironment: (route): Record<string, string> => (route.needs?.includes('cms') ? { CMS_TOKEN: cmsToken } : {}),
    });
    return {
      url: emulator.url,
      config,
      emulator,
      contentServer,
      cmsToken,
      async close() {
        await emulator.close();
        await contentServer?.close();
      },
    };
  } catch (error) {
    await contentServer?.close();
    throw error;
  }
}
