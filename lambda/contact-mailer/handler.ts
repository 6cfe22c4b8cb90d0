import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { documentClient } from '../shared/dynamodb';
import { positiveIntegerEnv, requireEnv } from '../shared/env';
import { instrumentedJob } from '../shared/instrumented-handler';
import { logger, metrics } from '../shared/powertools';
import { deliverDueSubmissions, NotSentError, type SendEmail } from './deliver';
import { dynamoDbOutbox } from './outbox';

const outbox = dynamoDbOutbox(
  documentClient(),
  requireEnv('CONTACT_TABLE_NAME'),
  requireEnv('CONTACT_OUTBOX_INDEX'),
);
const maxAttempts = positiveIntegerEnv('CONTACT_MAX_EMAIL_ATTEMPTS');
const retryDelayMs = Number(requireEnv('CONTACT_RETRY_DELAY_SECONDS')) * 1000;
const from = requireEnv('MAIL_FROM');
const to = requireEnv('MAIL_TO').split(',');
// One attempt, bounded: a retry of a send whose answer was lost would be a second email.
const ses = new SESv2Client({ maxAttempts: 1, requestHandler: { connectionTimeout: 1000, requestTimeout: 2500 } });

// Errors that mean the request never reached the mail service.
const UNREACHED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Why a failed send certainly did not go out (SES answered with an error, or was never reached), else undefined. */
function certainlyNotSent(error: unknown): string | undefined {
  const failure = error as { name?: string; code?: string; message?: string; cause?: { code?: string }; $metadata?: { httpStatusCode?: number } };
  if (failure.$metadata?.httpStatusCode) return failure.name ?? `HTTP ${failure.$metadata.httpStatusCode}`;
  const code = failure.code ?? failure.cause?.code ?? [...UNREACHED].find((unreached) => failure.message?.includes(unreached));
  if (code && UNREACHED.has(code)) return code;
  if (failure.message?.includes('without establishing a connection')) return 'ConnectionTimeout';
  return undefined;
}

const send: SendEmail = async (email) => {
  const command = new SendEmailCommand({
    FromEmailAddress: from,
    Destination: { ToAddresses: to },
    ...(email.replyTo ? { ReplyToAddresses: [email.replyTo] } : {}),
    Content: {
      Simple: {
        Subject: { Data: email.subject, Charset: 'UTF-8' },
        Body: { Text: { Data: email.text, Charset: 'UTF-8' }, Html: { Data: email.html, Charset: 'UTF-8' } },
      },
    },
  });
  try {
    await ses.send(command);
  } catch (error) {
    const reason = certainlyNotSent(error);
    throw reason ? new NotSentError(reason, { cause: error }) : error;
  }
};

// Leaves a send room to finish, and the run room to record it, before the function times out.
const TIME_NEEDED_PER_SEND_MS = 3000;

export const handler = instrumentedJob(async (_event, context) => {
  const report = await deliverDueSubmissions(outbox, send, {
    maxAttempts,
    retryDelayMs,
    claimMs: 5 * 60_000,
    batchSize: 25,
    now: Date.now,
    hasTimeFor: () => context.getRemainingTimeInMillis() > TIME_NEEDED_PER_SEND_MS,
  });
  metrics.addMetric('ContactEmailSent', MetricUnit.Count, report.sent.length);
  metrics.addMetric('ContactEmailRetried', MetricUnit.Count, report.retrying.length);
  metrics.addMetric('ContactEmailFailed', MetricUnit.Count, report.failed.length + report.unconfirmed.length);
  for (const submissionId of report.failed) logger.error('Contact email failed for good', { submissionId });
  for (const submissionId of report.unconfirmed) logger.error('Contact email outcome unknown; not sent again', { submissionId });
  if (report.retrying.length > 0) logger.warn('Contact emails to retry', { submissionIds: report.retrying });
  return report;
});
