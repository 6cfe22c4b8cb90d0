import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StageConfig } from '../../lib/config';
import { corsSettings, type CorsSettings } from '../../lib/cors';
import type { RouteDefinition } from '../../lib/routes';
import type { ContainerPool } from './container-pool';
import { isPreflight, preflightResponse, withCorsHeaders } from './cors';
import { InvocationError, MalformedResponseError, PayloadTooLargeError } from './errors';
import { buildEvent } from './event-builder';
import {
  INTERNAL_SERVER_ERROR,
  NOT_FOUND,
  PAYLOAD_TOO_LARGE,
  SERVICE_UNAVAILABLE,
  TOO_MANY_REQUESTS,
  type GatewayResponse,
} from './gateway-response';
import { gatewayRequestId } from './ids';
import { GATEWAY_PAYLOAD_LIMIT_BYTES, LAMBDA_REQUEST_LIMIT_BYTES } from './limits';
import { readBody } from './request-body';
import { splitRequestTarget } from './request-target';
import { mapLambdaResult } from './response-mapper';
import { Router, type RouteMatch } from './router';
import { RouteThrottle } from './throttle';

export interface HttpApiGatewayProps {
  readonly routes: readonly RouteDefinition[];
  readonly config: StageConfig;
  /** One pool of containers per route id. */
  readonly pools: ReadonlyMap<string, ContainerPool>;
  readonly apiId: string;
  readonly integrationTimeoutMs: number;
  /** Where the gateway notes why it answered a route's request with an error, as an access log's `integrationErrorMessage`. */
  readonly log: (routeId: string, line: string) => void;
}

type InvocationOutcome =
  | { readonly kind: 'result'; readonly payload: string }
  | { readonly kind: 'failed'; readonly error: unknown }
  | { readonly kind: 'timeout' };

/**
 * The HTTP API in front of the functions: payload limits, CORS preflights, routing,
 * throttling, the Lambda proxy integration (payload format 2.0) and its timeout, in
 * the order API Gateway applies them.
 */
export class HttpApiGateway {
  private readonly router: Router;
  private readonly throttle: RouteThrottle;
  private readonly cors: CorsSettings;

  constructor(private readonly props: HttpApiGatewayProps) {
    this.router = new Router(props.routes);
    this.throttle = new RouteThrottle(props.routes, props.config);
    this.cors = corsSettings(props.config, props.routes);
  }

  /** A `node:http` request listener. */
  readonly handle = (request: IncomingMessage, response: ServerResponse): void => {
    const requestId = gatewayRequestId();
    const receivedAt = new Date();
    this.respond(request, requestId, receivedAt)
      .catch((error: unknown) => {
        // Not the function's failure but the emulator's own: say so rather than hide it in a 500.
        process.stderr.write(`API Gateway emulator: ${requestId} failed: ${error instanceof Error ? error.stack : String(error)}\n`);
        return INTERNAL_SERVER_ERROR;
      })
      .then((answer) => send(request, response, answer, requestId));
  };

  private async respond(request: IncomingMessage, requestId: string, receivedAt: Date): Promise<GatewayResponse> {
    const method = request.method ?? 'GET';
    if (Number(request.headers['content-length'] ?? 0) > GATEWAY_PAYLOAD_LIMIT_BYTES) return PAYLOAD_TOO_LARGE;
    if (isPreflight(method, request.headers)) return preflightResponse(this.cors, request.headers);

    const target = splitRequestTarget(request.url ?? '/');
    const match = this.router.match(method, target.encodedPath);
    if (!match) return NOT_FOUND;
    if (!this.throttle.tryAcquire(match.routeKey)) return TOO_MANY_REQUESTS;

    let body: Buffer;
    try {
      body = await readBody(request, GATEWAY_PAYLOAD_LIMIT_BYTES);
    } catch (error) {
      if (error instanceof PayloadTooLargeError) return PAYLOAD_TOO_LARGE;
      throw error;
    }
    const event = buildEvent(
      {
        method,
        target,
        rawHeaders: request.rawHeaders,
        body,
        sourceIp: (request.socket.remoteAddress ?? '').replace(/^::ffff:/, ''),
        localPort: request.socket.localPort ?? 0,
      },
      match,
      { apiId: this.props.apiId, requestId, receivedAt },
    );
    const eventJson = JSON.stringify(event);
    // Lambda refuses the invocation: base64 makes a 4.5 MB binary body an event over 6 MB.
    if (Buffer.byteLength(eventJson) > LAMBDA_REQUEST_LIMIT_BYTES) {
      return this.fail(match, requestId, PAYLOAD_TOO_LARGE, `event is over Lambda's ${LAMBDA_REQUEST_LIMIT_BYTES}-byte request limit`);
    }

    const outcome = await this.invoke(match, eventJson, event.headers['x-amzn-trace-id'] ?? '');
    if (outcome.kind === 'timeout') {
      return this.fail(match, requestId, SERVICE_UNAVAILABLE, `no response within the ${this.props.integrationTimeoutMs} ms integration timeout`);
    }
    if (outcome.kind === 'failed') {
      if (!(outcome.error instanceof InvocationError)) throw outcome.error;
      return this.fail(match, requestId, INTERNAL_SERVER_ERROR, outcome.error.message);
    }
    try {
      return withCorsHeaders(this.cors, request.headers.origin, mapLambdaResult(outcome.payload));
    } catch (error) {
      if (!(error instanceof MalformedResponseError)) throw error;
      return this.fail(match, requestId, INTERNAL_SERVER_ERROR, error.message);
    }
  }

  /** Invokes the route's function; past the integration timeout the gateway stops waiting, though the function runs on. */
  private async invoke(match: RouteMatch, eventJson: string, traceHeader: string): Promise<InvocationOutcome> {
    const pool = this.props.pools.get(match.route.id);
    if (!pool) throw new Error(`No container pool for route "${match.route.id}"`);
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      pool.invoke({ eventJson, traceHeader }).then(
        (payload): InvocationOutcome => ({ kind: 'result', payload }),
        (error: unknown): InvocationOutcome => ({ kind: 'failed', error }),
      ),
      new Promise<InvocationOutcome>((resolve) => {
        timer = setTimeout(resolve, this.props.integrationTimeoutMs, { kind: 'timeout' });
      }),
    ]);
    clearTimeout(timer);
    return outcome;
  }

  private fail(match: RouteMatch, requestId: string, response: GatewayResponse, reason: string): GatewayResponse {
    this.props.log(match.route.id, `API Gateway ${requestId} ${match.routeKey} ${response.statusCode}: ${reason}`);
    return response;
  }
}

/** Bodiless statuses must not announce a length. */
const STATUSES_WITHOUT_BODY = new Set([204, 304]);

function send(request: IncomingMessage, response: ServerResponse, answer: GatewayResponse, requestId: string): void {
  const headers: string[] = answer.headers.flatMap(([name, value]) => [name, value]);
  headers.push('apigw-requestid', requestId);
  if (!STATUSES_WITHOUT_BODY.has(answer.statusCode)) headers.push('content-length', String(answer.body.length));
  try {
    response.writeHead(answer.statusCode, headers);
  } catch {
    // A header the function returned is not valid HTTP (e.g. a newline in a value).
    if (answer !== INTERNAL_SERVER_ERROR) send(request, response, INTERNAL_SERVER_ERROR, requestId);
    return;
  }
  // A HEAD answer carries the function's status and headers, never a body.
  response.end(request.method === 'HEAD' ? undefined : answer.body);
}
