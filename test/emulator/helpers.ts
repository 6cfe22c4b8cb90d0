import { request, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../local/emulator';
import { FIXTURE_CONFIG, FIXTURE_ROUTES } from './fixtures/routes';

/** Emulator starts bundle every fixture; a generous hook timeout covers a cold machine. */
export const START_TIMEOUT_MS = 60_000;

/**
 * An emulator over the fixture routes. Each suite bundles into its own directory,
 * because Jest runs suites in parallel and they must not overwrite each other's bundles.
 */
export function startFixtureEmulator(suite: string, options: Partial<EmulatorOptions> = {}): Promise<Emulator> {
  return startEmulator({
    routes: FIXTURE_ROUTES,
    config: FIXTURE_CONFIG,
    buildDir: join(__dirname, '..', '..', '.build', 'emulator-test', suite),
    onLog: () => undefined,
    ...options,
  });
}

export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** Names and values as they came over the wire, repeats included. */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
}

export interface RawRequestOptions {
  /** @default 'GET' */
  readonly method?: string;
  /** Sent exactly as given, repeats included. */
  readonly headers?: readonly (readonly [string, string])[];
  readonly body?: string | Buffer;
}

/** A request through node:http, for what fetch hides or normalises: HEAD bodies, repeated headers, cookies. */
export function rawRequest(url: string, options: RawRequestOptions = {}): Promise<RawResponse> {
  const headers = options.headers ?? [];
  // Given as a raw list, headers get no automatic Host, which HTTP/1.1 requires.
  const host: readonly (readonly [string, string])[] = headers.some(([name]) => name.toLowerCase() === 'host') ? [] : [['Host', new URL(url).host]];
  return new Promise((resolve, reject) => {
    const outgoing = request(url, {
      method: options.method ?? 'GET',
      headers: [...host, ...headers].flatMap(([name, value]) => [name, value]),
      agent: false,
    });
    outgoing.once('error', reject);
    outgoing.once('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('error', reject);
      response.once('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, rawHeaders: response.rawHeaders, body: Buffer.concat(chunks) }),
      );
    });
    outgoing.end(options.body);
  });
}

/** Every value of one response header, in order. */
export function headerValues(response: RawResponse, name: string): string[] {
  const values: string[] = [];
  for (let index = 0; index + 1 < response.rawHeaders.length; index += 2) {
    if (response.rawHeaders[index]!.toLowerCase() === name) values.push(response.rawHeaders[index + 1]!);
  }
  return values;
}
