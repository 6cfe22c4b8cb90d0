import { instrumentedHandler } from '../shared/instrumented-handler';
import { requireEnv } from '../shared/env';
import { jsonResponse, withoutBody } from '../shared/responses';

const service = requireEnv('POWERTOOLS_SERVICE_NAME');
const version = requireEnv('SERVICE_VERSION');

export const handler = instrumentedHandler(async (event) => {
  const response = jsonResponse(200, { status: 'ok', service, version }, { 'cache-control': 'no-store' });
  return event.requestContext.http.method === 'HEAD' ? withoutBody(response) : response;
});
