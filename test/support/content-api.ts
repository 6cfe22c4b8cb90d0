import { join } from 'node:path';
import { parseFragment } from 'parse5';
import { startLocalApi, type LocalApi, type LocalApiOptions } from '../../local/local-api';

/** Helpers of the content routes' integration tests: a quiet local API, requests, the CMS's own view, metrics. */

export const SITE_URL = 'https://site.example.com';
// Throttling has its own tests; here it would only get in the way of many requests.
const UNTHROTTLED = { rateLimit: 100_000, burstLimit: 100_000 };
const BUILD_ROOT = join(__dirname, '..', '..', '.build', 'emulator-test');

/**
 * The local API with function logs kept out of the test output (still in `emulator.logs()`)
 * and bundles in a directory of its own, so suites and APIs started side by side never
 * overwrite each other's bundles.
 */
export function startContentApi(name: string, options: LocalApiOptions = {}): Promise<LocalApi> {
  return startLocalApi({
    ...options,
    config: { siteUrl: SITE_URL, throttle: UNTHROTTLED, ...options.config },
    emulator: { onLog: () => undefined, buildDir: join(BUILD_ROOT, `content-${name}`), ...options.emulator },
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

/** One Embedded Metric Format line, as Powertools writes it. */
export interface EmfLine {
  readonly _aws: { readonly CloudWatchMetrics: readonly { readonly Namespace: string; readonly Dimensions: readonly (readonly string[])[]; readonly Metrics: readonly { readonly Name: string }[] }[] };
  readonly [key: string]: unknown;
}

function parseJsonLine(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/**
 * Runs `action` and answers what the function of `routeId` logged meanwhile, as
 * Powertools JSON lines (log entries and EMF). Requests must be sequential: the
 * emulator has every line of an invocation in `logs()` by the time it answers.
 */
export async function loggedDuring<T>(api: LocalApi, routeId: string, action: () => Promise<T>): Promise<{ result: T; lines: Record<string, unknown>[]; metrics: EmfLine[] }> {
  const before = api.emulator.logs(routeId).length;
  const result = await action();
  const lines = api.emulator.logs(routeId).slice(before).map(parseJsonLine).filter((line) => line !== undefined);
  return { result, lines, metrics: lines.filter((line): line is EmfLine => typeof line._aws === 'object') };
}

/** The metric names of EMF lines, sorted, the cold-start line left out. */
export function metricNames(lines: readonly EmfLine[]): string[] {
  return lines
    .flatMap((line) => line._aws.CloudWatchMetrics.flatMap((directive) => directive.Metrics.map((metric) => metric.Name)))
    .filter((name) => name !== 'ColdStart')
    .sort();
}

/** Every key of every object in a JSON value, however deep. */
export function allKeys(value: unknown): Set<string> {
  const keys = new Set<string>();
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (typeof node === 'object' && node !== null) {
      for (const [key, child] of Object.entries(node)) {
        keys.add(key);
        visit(child);
      }
    }
  };
  visit(value);
  return keys;
}

/** Every string under a key in a JSON value, with that key, however deep. */
export function allStringsByKey(value: unknown): { key: string; value: string }[] {
  const found: { key: string; value: string }[] = [];
  const visit = (node: unknown, key: string) => {
    if (typeof node === 'string') found.push({ key, value: node });
    else if (Array.isArray(node)) node.forEach((item) => visit(item, key));
    else if (typeof node === 'object' && node !== null) for (const [name, child] of Object.entries(node)) visit(child, name);
  };
  visit(value, '');
  return found;
}

type HtmlNode = { nodeName: string; attrs?: { name: string; value: string }[]; childNodes?: HtmlNode[]; content?: HtmlNode };

/** The elements and attributes of an HTML fragment as a browser parses it (`innerHTML`). */
export function htmlElements(html: string): { tag: string; attributes: Record<string, string> }[] {
  const found: { tag: string; attributes: Record<string, string> }[] = [];
  const visit = (node: HtmlNode) => {
    if (!node.nodeName.startsWith('#')) found.push({ tag: node.nodeName, attributes: Object.fromEntries((node.attrs ?? []).map((attr) => [attr.name, attr.value])) });
    node.childNodes?.forEach(visit);
    if (node.content) visit(node.content);
  };
  visit(parseFragment(html) as unknown as HtmlNode);
  return found;
}

/** What a fragment has that a page inserting it as HTML would run: scripts, frames, handlers, script URLs. */
export function dangerousMarkup(html: string): string[] {
  return htmlElements(html).flatMap(({ tag, attributes }) => [
    ...(['script', 'iframe', 'object', 'embed', 'style', 'img', 'svg', 'form', 'base', 'meta', 'link'].includes(tag) ? [`<${tag}>`] : []),
    ...Object.entries(attributes).flatMap(([name, value]) => [
      ...(name.startsWith('on') || name === 'style' || name === 'srcdoc' ? [`${tag}[${name}]`] : []),
      ...(['href', 'src', 'action', 'formaction', 'xlink:href'].includes(name) && !/^(https?:|mailto:|tel:|\/(?!\/)|#)/i.test(value.trim()) ? [`${tag}[${name}=${value}]`] : []),
    ]),
  ]);
}

/** A promise that resolves after `ms`. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
