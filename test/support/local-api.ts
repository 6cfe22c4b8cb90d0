import { join } from 'node:path';
import type { ContentServerFault } from '../../local/content-server';
import { startLocalApi, type LocalApi, type LocalApiOptions } from '../../local/local-api';

/** Integration tests' way to the local API: started quietly, asked over HTTP, and the CMS's own view of it. */

export const SITE_URL = 'https://site.example.com';
// Throttling has its own tests; here it would only get in the way of many requests.
const UNTHROTTLED = { rateLimit: 100_000, burstLimit: 100_000 };
const BUILD_ROOT = join(__dirname, '..', '..', '.build', 'emulator-test');

/**
 * The local API with function logs kept out of the test output (still in `emulator.logs()`)
 * and bundles in a directory of its own, so suites and APIs started side by side never
 * overwrite each other's bundles.
 */
export function startQuietLocalApi(name: string, options: LocalApiOptions = {}): Promise<LocalApi> {
  return startLocalApi({
    ...options,
    config: { siteUrl: SITE_URL, throttle: UNTHROTTLED, ...options.config },
    emulator: { onLog: () => undefined, buildDir: join(BUILD_ROOT, name), ...options.emulator },
  });
}

/** One answer of the API, read whole. */
export interface Fetched {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body as JSON; throws when it is not. */
  readonly json: any;
}

export async function get(api: LocalApi, path: string, headers: Record<string, string> = {}): Promise<Fetched> {
  const response = await fetch(`${api.url}${path}`, { headers });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    get json() {
      return JSON.parse(text);
    },
  };
}

/** What the CMS itself answers to `/api/<pathAndQuery>`, asked with the functions' token. */
export async function cmsGet(api: LocalApi, pathAndQuery: string): Promise<any> {
  const response = await fetch(`${api.contentServer!.url}/api/${pathAndQuery}`, { headers: { authorization: `Bearer ${api.cmsToken}` } });
  if (response.status !== 200) throw new Error(`The content server answered ${response.status} to ${pathAndQuery}: ${await response.text()}`);
  return response.json();
}

/** CMS REST calls received since the last `clearRequests()` (uploads left out). */
export function cmsCalls(api: LocalApi) {
  return api.contentServer!.requests.filter((request) => request.path.startsWith('/api/'));
}

/** A promise that resolves after `ms`. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every way the CMS fails that a CMS route must answer with a 502 when it has no copy; for a CMS time budget under 1.2 s. */
export const CMS_FAILURES: readonly (readonly [description: string, fault: ContentServerFault])[] = [
  ['answers 500', { kind: 'status', status: 500 }],
  ['answers 503', { kind: 'status', status: 503 }],
  ['refuses the token (401)', { kind: 'status', status: 401 }],
  ['forbids the request (403)', { kind: 'status', status: 403 }],
  ['answers 404 for the collection itself', { kind: 'status', status: 404 }],
  ['answers garbage', { kind: 'garbage' }],
  ['answers JSON of another shape', { kind: 'wrong-shape' }],
  ['drops the connection', { kind: 'reset' }],
  ['is slower than the time budget', { kind: 'delay', ms: 1200 }],
];
