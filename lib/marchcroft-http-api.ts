import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  type HttpRoute,
  LogGroupLogDestination,
  PayloadFormatVersion,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { StageConfig } from './config';
import type { CorsSettings } from './cors';
import { SERVICE_NAME } from './function-settings';
import { stageLogGroup } from './private/stage-log-group';
import { type RouteDefinition, routeKeys, routePaths } from './routes';
import { ThrottledHttpStage } from './throttled-http-stage';

/**
 * One JSON object per request. `routeKey` is `-` for a request no route
 * matched, hence `path`; the integration fields tell a function's failure
 * from the gateway's own.
 */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  routeKey: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  errorMessage: '$context.error.message',
  integrationError: '$context.integration.error',
  integrationStatus: '$context.integration.status',
  integrationLatency: '$context.integration.latency',
  responseLatency: '$context.responseLatency',
};

/** Properties of a {@link MarchcroftHttpApi}. */
export interface MarchcroftHttpApiProps {
  /** The stage: its name, default throttle and log retention. */
  readonly config: StageConfig;
  /** The CORS rules API Gateway answers preflights from; build them with `corsSettings`. */
  readonly cors: CorsSettings;
  /**
   * What happens to the access log group when the stack is deleted.
   * @default - RETAIN in prod, DESTROY in every other stage
   */
  readonly accessLogRemovalPolicy?: RemovalPolicy;
}

/**
 * The HTTP API of one stage: CORS, a `$default` stage with the stage's
 * throttle, JSON access logs and detailed metrics, and one Lambda
 * integration per route of the table.
 */
export class MarchcroftHttpApi extends Construct {
  /** The API (id `Resource`, so it is this construct's `node.defaultChild`). */
  readonly httpApi: HttpApi;
  /** The `$default` stage: the API's only one, served at the root of its URL. */
  readonly stage: ThrottledHttpStage;
  /** Where the stage writes one JSON line per request. */
  readonly accessLogGroup: LogGroup;
  private readonly cors: CorsSettings;

  constructor(scope: Construct, id: string, props: MarchcroftHttpApiProps) {
    super(scope, id);
    const { config, cors } = props;
    this.cors = cors;

    this.httpApi = new HttpApi(this, 'Resource', {
      apiName: `${SERVICE_NAME}-${config.stage}`,
      description: `Marchcroft API, ${config.stage} stage`,
      // The stage is made below, with throttling and logs, which the implicit one does not take.
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [...cors.allowOrigins],
        allowMethods: cors.allowMethods.map((method) => CorsHttpMethod[method]),
        allowHeaders: [...cors.allowHeaders],
        exposeHeaders: [...cors.exposeHeaders],
        maxAge: Duration.seconds(cors.maxAgeSeconds),
      },
    });

    this.accessLogGroup = stageLogGroup(this, 'AccessLogs', config, props.accessLogRemovalPolicy);
    // No stageName: `$default`, the stage served at the root of the API's URL.
    this.stage = new ThrottledHttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      autoDeploy: true,
      throttle: { rateLimit: config.throttle.rateLimit, burstLimit: config.throttle.burstLimit },
      detailedMetricsEnabled: true,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogGroup),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });
  }

  /** The stage's URL, ending in `/`. */
  get url(): string {
    return this.stage.url;
  }

  /**
   * Serves every route key of `route` (each method on its path and on each
   * alias) with `handler`, through one integration (payload format 2.0), and
   * applies the route's own throttle to every one of those keys.
   * @returns the API Gateway routes, one per route key, in the order of `routeKeys(route)`
   */
  addRoute(route: RouteDefinition, handler: IFunction): HttpRoute[] {
    const refused = route.methods.filter((method) => !this.cors.allowMethods.includes(method));
    if (refused.length > 0) {
      throw new Error(`${this.node.path}: route "${route.id}" uses ${refused.join(', ')}, which props.cors.allowMethods does not allow.`);
    }
    const integration = new HttpLambdaIntegration(`${route.id}Integration`, handler, {
      payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
    });
    // One integration object for every key of every path, so API Gateway gets a single integration for the function.
    // addRoutes answers one route per method, in the order of `methods`: path by path, that is routeKeys' order.
    const httpRoutes = routePaths(route).flatMap((path) =>
      this.httpApi.addRoutes({ path, methods: route.methods.map((method) => HttpMethod[method]), integration }),
    );
    if (route.throttle) {
      const throttle = route.throttle;
      routeKeys(route).forEach((key, index) => this.stage.throttleRoute(key, throttle, httpRoutes[index]));
    }
    return httpRoutes;
  }
}
