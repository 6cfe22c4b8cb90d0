import type { APIGatewayProxyEventV2, Context, ScheduledEvent } from 'aws-lambda';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logger, metrics } from './powertools';
import { errorResponse, type HttpResponse } from './responses';

export type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<HttpResponse>;
export type JobHandler<Result> = (event: ScheduledEvent, context: Context) => Promise<Result>;

/**
 * Wraps a route's handler once with what every route needs: the Lambda
 * context and the API Gateway request id on every log line, the cold-start
 * metric, metrics flushed on every invocation (errors included), and a logged
 * 500 envelope for anything the handler did not expect.
 */
export function instrumentedHandler(handle: HttpHandler): HttpHandler {
  return (event, context) =>
    observed(context, event.requestContext.requestId, async () => {
      try {
        return await handle(event, context);
      } catch (error) {
        logUnhandled(error);
        return errorResponse(500, 'Internal server error', { requestId: event.requestContext.requestId });
      }
    });
}

/**
 * The same for a scheduled job, correlated by the schedule event's id. An
 * unexpected error is logged and counted, then rethrown, so the invocation
 * fails visibly in Lambda's own metrics.
 */
export function instrumentedJob<Result>(handle: JobHandler<Result>): JobHandler<Result> {
  return (event, context) =>
    observed(context, event.id, async () => {
      try {
        return await handle(event, context);
      } catch (error) {
        logUnhandled(error);
        throw error;
      }
    });
}

async function observed<Result>(context: Context, correlationId: string, run: () => Promise<Result>): Promise<Result> {
  logger.addContext(context);
  logger.setCorrelationId(correlationId);
  // Dimension `function_name` (with `service`): the stage's dashboard counts cold starts per function.
  metrics.captureColdStartMetric(context.functionName);
  try {
    return await run();
  } finally {
    // Only when there is something to send: Powertools warns on every empty flush.
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    logger.resetKeys();
  }
}

function logUnhandled(error: unknown): void {
  logger.error('Unhandled error', error as Error);
  metrics.addMetric('UnhandledError', MetricUnit.Count, 1);
}
