import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { documentClient } from '../shared/dynamodb';
import { positiveIntegerEnv, requireEnv } from '../shared/env';
import { instrumentedHandler } from '../shared/instrumented-handler';
import { logger, metrics } from '../shared/powertools';
import { errorResponse, jsonResponse } from '../shared/responses';
import { acceptSubmission, type ContactOutcome } from './accept-submission';
import { dynamoDbSubmissionStore } from './submission-store';

const store = dynamoDbSubmissionStore(
  // Bounded, so a store that hangs is a 503 from us well inside the function's timeout, not the gateway's 500.
  documentClient(),
  requireEnv('CONTACT_TABLE_NAME'),
);
const retentionDays = positiveIntegerEnv('CONTACT_RETENTION_DAYS');

export const handler = instrumentedHandler(async (event) => {
  const outcome = await acceptSubmission(
    { body: event.body, isBase64Encoded: event.isBase64Encoded, contentType: event.headers['content-type'] },
    store,
    { retentionDays, now: Date.now },
  );
  record(outcome);
  switch (outcome.kind) {
    case 'accepted':
    case 'spam':
      return jsonResponse(202, { status: 'ok', id: outcome.submissionId }, { 'cache-control': 'no-store' });
    case 'rejected':
      return errorResponse(outcome.status, outcome.message, outcome.fields ? { fields: outcome.fields } : {});
    case 'store-unavailable':
      return errorResponse(503, 'The contact form is unavailable just now; please try again shortly');
  }
});

/** Logs and counts an outcome: by submission id only, never the submitter's details. */
function record(outcome: ContactOutcome): void {
  switch (outcome.kind) {
    case 'accepted':
      logger.info(outcome.duplicate ? 'Contact submission already stored' : 'Contact submission stored', { submissionId: outcome.submissionId });
      metrics.addMetric(outcome.duplicate ? 'ContactDuplicate' : 'ContactSubmitted', MetricUnit.Count, 1);
      return;
    case 'spam':
      logger.info('Contact submission dropped: honeypot filled');
      metrics.addMetric('ContactSpam', MetricUnit.Count, 1);
      return;
    case 'rejected':
      logger.info('Contact submission rejected', { reason: outcome.reason, fields: Object.keys(outcome.fields ?? {}) });
      // One metric per reason, in its own dimension set: a handful of values, never per field or per submitter.
      metrics.singleMetric().addDimension('reason', outcome.reason).addMetric('ContactRejected', MetricUnit.Count, 1);
      return;
    case 'store-unavailable':
      // The error's identity only: its message could echo what was submitted.
      logger.error('Contact submission not stored', { submissionId: outcome.submissionId, error: errorIdentity(outcome.error.cause) });
      metrics.addMetric('ContactStoreFailed', MetricUnit.Count, 1);
  }
}

function errorIdentity(error: unknown): Record<string, unknown> {
  const failure = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number; requestId?: string } } | undefined;
  return { name: failure?.name, code: failure?.code, status: failure?.$metadata?.httpStatusCode, awsRequestId: failure?.$metadata?.requestId };
}
