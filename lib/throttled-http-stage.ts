import { Lazy } from 'aws-cdk-lib';
import { type CfnStage, HttpStage, type HttpStageProps, type IHttpRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Construct } from 'constructs';
import type { ThrottleSettings } from './config';

/** One entry of the L1 `RouteSettings` map; it is plain JSON, so the keys are CloudFormation's. */
interface CfnRouteSettings {
  readonly ThrottlingRateLimit: number;
  readonly ThrottlingBurstLimit: number;
  readonly DetailedMetricsEnabled: boolean;
}

/** A route key as API Gateway writes it: method, one space, path. */
const ROUTE_KEY_PATTERN = /^[A-Z]+ \/\S*$/;

/**
 * An `HttpStage` that can also throttle single routes. The L2 stage only
 * knows the stage-wide default; a route's own limits go through the
 * `CfnStage` `routeSettings` escape hatch, and this class is the one place
 * in the app that touches it.
 */
export class ThrottledHttpStage extends HttpStage {
  private readonly routeSettings: Record<string, CfnRouteSettings> = {};
  private readonly detailedMetrics: boolean;

  constructor(scope: Construct, id: string, props: HttpStageProps) {
    super(scope, id, props);
    this.detailedMetrics = props.detailedMetricsEnabled ?? false;
    const cfnStage = this.node.defaultChild as CfnStage;
    cfnStage.routeSettings = Lazy.any({
      produce: () => (Object.keys(this.routeSettings).length > 0 ? { ...this.routeSettings } : undefined),
    });
  }

  /**
   * Gives one route key its own rate and burst in place of the stage default.
   * `route` is the route with that key: the stage is made to depend on it,
   * because CloudFormation refuses route settings for a key that does not
   * exist yet.
   */
  throttleRoute(routeKey: string, settings: ThrottleSettings, route: IHttpRoute): this {
    if (!ROUTE_KEY_PATTERN.test(routeKey)) {
      throw new Error(`${this.node.path}: routeKey "${routeKey}" is not a route key such as "GET /health".`);
    }
    if (Object.hasOwn(this.routeSettings, routeKey)) {
      throw new Error(`${this.node.path}: route key "${routeKey}" is throttled twice.`);
    }
    if (route.httpApi !== this.api) {
      throw new Error(`${this.node.path}: route ${route.node.path} belongs to another API than this stage.`);
    }
    for (const limit of ['rateLimit', 'burstLimit'] as const) {
      // 0 is a valid value to API Gateway, but it refuses every request: never what a route table means.
      if (!Number.isInteger(settings[limit]) || settings[limit] < 1) {
        throw new Error(`${this.node.path}: settings.${limit} of "${routeKey}" must be a positive integer, not ${settings[limit]}.`);
      }
    }
    // A route's settings replace the stage's default ones for its key rather than merge with them: a limit
    // left out here would be 0 (every request refused) and detailed metrics would be off for the key.
    this.routeSettings[routeKey] = {
      ThrottlingRateLimit: settings.rateLimit,
      ThrottlingBurstLimit: settings.burstLimit,
      DetailedMetricsEnabled: this.detailedMetrics,
    };
    this.node.addDependency(route);
    return this;
  }
}
