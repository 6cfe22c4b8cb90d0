import { routeKeys, type RouteDefinition } from '../../lib/routes';
import { decodeComponent } from './request-target';

/** The route a request resolved to, as API Gateway puts it in the event. */
export interface RouteMatch {
  readonly route: RouteDefinition;
  /** e.g. `GET /share/casestudies/{slug}`. */
  readonly routeKey: string;
  /** Decoded values by parameter name; undefined when the route has no parameter. */
  readonly pathParameters?: Readonly<Record<string, string>>;
}

type Segment =
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'parameter'; readonly name: string }
  | { readonly kind: 'greedy'; readonly name: string };

interface CompiledRouteKey {
  readonly route: RouteDefinition;
  readonly routeKey: string;
  readonly method: string;
  readonly segments: readonly Segment[];
}

/** Lower ranks are more specific; API Gateway prefers the most specific matching route. */
const SEGMENT_RANK: Record<Segment['kind'], number> = { literal: 0, parameter: 1, greedy: 2 };

/**
 * Matches requests to route keys as HTTP API does: the method must equal the key's
 * method (HEAD is not GET), `{name}` takes one path segment, `{name+}` takes the rest
 * of the path, and among several matches the most specific one wins.
 */
export class Router {
  private readonly keys: readonly CompiledRouteKey[];

  constructor(routes: readonly RouteDefinition[]) {
    this.keys = routes
      .flatMap((route) => routeKeys(route).map((routeKey) => compile(route, routeKey)))
      .sort((a, b) => compareSpecificity(a.segments, b.segments));
  }

  match(method: string, encodedPath: string): RouteMatch | undefined {
    const requestSegments = encodedPath.split('/').slice(1);
    for (const key of this.keys) {
      if (key.method !== method) continue;
      const pathParameters = matchSegments(key.segments, requestSegments);
      if (pathParameters === undefined) continue;
      return {
        route: key.route,
        routeKey: key.routeKey,
        ...(Object.keys(pathParameters).length > 0 ? { pathParameters } : {}),
      };
    }
    return undefined;
  }
}

function compile(route: RouteDefinition, routeKey: string): CompiledRouteKey {
  const [method = '', path = ''] = routeKey.split(' ');
  const segments = path
    .split('/')
    .slice(1)
    .map((part): Segment => {
      const parameter = /^\{(\w+)(\+?)\}$/.exec(part);
      if (!parameter) return { kind: 'literal', value: part };
      const name = parameter[1] ?? '';
      return parameter[2] === '+' ? { kind: 'greedy', name } : { kind: 'parameter', name };
    });
  return { route, routeKey, method, segments };
}

function compareSpecificity(a: readonly Segment[], b: readonly Segment[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    const difference = SEGMENT_RANK[a[index]!.kind] - SEGMENT_RANK[b[index]!.kind];
    if (difference !== 0) return difference;
  }
  return b.length - a.length;
}

function matchSegments(segments: readonly Segment[], request: readonly string[]): Record<string, string> | undefined {
  const parameters: Record<string, string> = {};
  for (const [index, segment] of segments.entries()) {
    if (segment.kind === 'greedy') {
      const rest = request.slice(index);
      if (rest.length === 0 || rest.every((part) => part === '')) return undefined;
      parameters[segment.name] = rest.map(decodeComponent).join('/');
      return parameters;
    }
    const part = request[index];
    if (part === undefined || part === '') return undefined;
    const decoded = decodeComponent(part);
    if (segment.kind === 'literal') {
      if (decoded !== segment.value) return undefined;
    } else {
      parameters[segment.name] = decoded;
    }
  }
  return request.length === segments.length ? parameters : undefined;
}
