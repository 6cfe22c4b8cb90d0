import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logger, metrics } from './powertools';
import { errorResponse, type HttpResponse } from './responses';

export type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<HttpResponse>;

/**
 * Wraps a route's handler once with what every route needs: the Lambda
 * context and the API Gateway request id on every log line, the cold-start
 * metric, metrics flushed on every invocation (errors included), and a logged
 * 500 envelope for anything the handler did not expect.
 */
export function instrumentedHandler(handle: HttpHandler): HttpHandler {
  return async (event, context) => {
    logger.addContext(context);
    logger.setCorrelationId(event.requestContext.requestId);
    metrics.captureColdStartMetric();
    try {
      return await handle(event, context);
    } catch (error) {
      logger.error('Unhandled error', error as Error);
      metrics.addMetric('UnhandledError', MetricUnit.Count, 1);
      return errorResponse(500, 'Internal server error', { requestId: event.requestContext.requestId });
    } finally {
      // Only when there is something to send: Powertools warns on every empty flush.
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
      logger.resetKeys();
    }
  };
}
