import { instrumentedHandler } from '../shared/instrumented-handler';
import { requireEnv } from '../shared/env';
import { jsonResponse } from '../shared/responses';

const service = requireEnv('POWERTOOLS_SERVICE_NAME');
const version = requireEnv('SERVICE_VERSION');

export const handler = instrumentedHandler(async () =>
  jsonResponse(200, { status: 'ok', service, version }, { 'cache-control': 'no-store' }),
);
