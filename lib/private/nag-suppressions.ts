import { Validations } from 'aws-cdk-lib';
import type { CfnRoute, HttpRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import { isContentRoute, ROUTES } from '../routes';

/**
 * The cdk-nag (AwsSolutions) findings this app accepts, each on the one
 * resource it is about, with the reason. Plain `aws-cdk-lib`: acknowledging
 * writes construct metadata only, so the template is the same whether or not
 * a nag pack runs, and `lib/` does not depend on cdk-nag.
 *
 * Everything else the pack reports is an error or a warning of the test
 * suite (`test/infra/cdk-nag.test.ts`): fix it in the construct, or add it
 * here with a reason a reviewer would accept. Never acknowledge a rule on the
 * stack or on a construct with children it is not about.
 */

/** The id cdk-nag 3 reports a route without an authorizer as. */
const NO_AUTHORIZER = 'AwsSolutions-APIG4';

/**
 * The routes that are public by design, by route id, and why. A route that
 * is not here keeps its APIG4 finding, so a new route fails the nag test
 * until someone has decided that it needs no authorizer (and said why here)
 * or has given it one.
 */
export const PUBLIC_ROUTES: Readonly<Record<string, string>> = {
  Health:
    'Public by design: a liveness check for uptime monitors and the deploy smoke test, with no caller to authenticate. ' +
    'It answers the service name and version only, reads no data, calls nothing, and has its own low route throttle.',
  ShareCaseStudy:
    'Public by design: Open Graph preview pages of published case studies for social networks\u2019 crawlers and for ' +
    'people following a shared link, none of whom send credentials. It reads published CMS content only; the CMS ' +
    'token stays server-side in Secrets Manager.',
  Contact:
    'Public by design: the website\u2019s contact form (and its legacy path), posted by anonymous visitors, so there is ' +
    'no user to authenticate. Abuse is bounded by the route throttle, schema validation and the honeypot; the ' +
    'function may only put items into the submissions table, and the form cannot make the API email anyone but the ' +
    'configured sales recipients.',
  // Every content route (`contentRoute` in the route table), for one reason.
  ...Object.fromEntries(
    ROUTES.filter(isContentRoute).map((route) => [
      route.id,
      'Public by design: published website content (what the site\u2019s pages show every visitor, and the sitemap for ' +
        'search engines), read by browsers and crawlers that send no credentials. GET only, answers built from ' +
        'validated parameters; the CMS token stays server-side in Secrets Manager.',
    ]),
  ),
};

/**
 * Acknowledges the accepted findings on their exact resources: APIG4 on the
 * `AWS::ApiGatewayV2::Route` of every key (aliases included) of each route
 * in {@link PUBLIC_ROUTES}. Called once by the stack, after every route exists.
 */
export function acknowledgeNagFindings(httpRoutesByRouteId: ReadonlyMap<string, readonly HttpRoute[]>): void {
  for (const [routeId, httpRoutes] of httpRoutesByRouteId) {
    const reason = PUBLIC_ROUTES[routeId];
    if (reason === undefined) continue;
    for (const httpRoute of httpRoutes) {
      Validations.of(httpRoute.node.defaultChild as CfnRoute).acknowledge({ id: NO_AUTHORIZER, reason });
    }
  }
}
