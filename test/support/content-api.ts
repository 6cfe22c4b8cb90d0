import type { LocalApi } from '../../local/local-api';
import { htmlElements } from './html-document';

/** Helpers of the content routes' integration tests: the functions' logs and metrics, and what answers hold. */

/** One Embedded Metric Format line, as Powertools writes it. */
export interface EmfLine {
  readonly _aws: { readonly CloudWatchMetrics: readonly { readonly Namespace: string; readonly Dimensions: readonly (readonly string[])[]; readonly Metrics: readonly { readonly Name: string }[] }[] };
  readonly [key: string]: unknown;
}

/** A JSON log line as an object; undefined for any other line (the runtime's START, END and REPORT). */
export function parseJsonLine(line: string): Record<string, unknown> | undefined {
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
