import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * The one Logger and the one Metrics of a function. Service name, namespace
 * and log level come from the POWERTOOLS_* variables the stack sets; every
 * metric also names the stage, so stages sharing an account never count
 * each other's events.
 */
export const logger = new Logger();
export const metrics = new Metrics(process.env.STAGE ? { defaultDimensions: { stage: process.env.STAGE } } : {});

/**
 * Counts this invocation's metrics for the route as well as for the whole
 * stage: two dimension sets, (service, stage, route) and (service, stage),
 * so the stage's alarms see every route and the dashboard each one.
 * Dimension sets last one invocation; call this in each.
 */
export function countAlsoByRoute(route: string): void {
  metrics.addDimensions({ route });
  // An empty set is the default dimensions alone.
  metrics.addDimensions({});
}
