/**
 * The runtime inside one container: a stand-in for Lambda's Node.js runtime. It loads
 * the bundled handler once (the init phase), then serves one invocation at a time over
 * IPC, keeping module state between them as a warm Lambda container does. Bundled by
 * the emulator into plain ESM that `node` runs without a loader.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { patchConsole } from './console-patch';
import { countOutput } from './output-counter';
import type { InvokeMessage, RuntimeMessage, SerializedError } from './protocol';

/** Node.js 24 runtimes have no callbacks and no `done`/`fail`/`succeed`. */
type LambdaContext = Omit<Context, 'done' | 'fail' | 'succeed'>;
type Handler = (event: unknown, context: LambdaContext) => unknown;

const outputMark = countOutput();
let currentRequestId: string | undefined;
patchConsole(() => currentRequestId);

// Without the emulator there is nobody to serve: never outlive it.
process.on('disconnect', () => process.exit(0));

void loadHandler().then(
  (handler) => {
    process.on('message', (message: InvokeMessage) => void invoke(handler, message));
    send({ type: 'ready' });
  },
  (error: unknown) => {
    const serialized = serializeError(error);
    console.error(`Uncaught Exception \t${JSON.stringify(serialized)}`);
    send({ type: 'init-error', error: serialized, output: outputMark() });
  },
);

/** Resolves `_HANDLER` (`index.handler`) in `LAMBDA_TASK_ROOT`, as Lambda does. */
async function loadHandler(): Promise<Handler> {
  const [moduleName = 'index', exportName = 'handler'] = (process.env._HANDLER ?? 'index.handler').split('.');
  const modulePath = join(process.env.LAMBDA_TASK_ROOT ?? process.cwd(), `${moduleName}.mjs`);
  const handlerModule = (await import(pathToFileURL(modulePath).href)) as Record<string, unknown>;
  const handler = handlerModule[exportName];
  if (typeof handler !== 'function') {
    throw Object.assign(new Error(`${moduleName}.${exportName} is undefined or not exported`), { name: 'Runtime.HandlerNotFound' });
  }
  return handler as Handler;
}

async function invoke(handler: Handler, message: InvokeMessage): Promise<void> {
  currentRequestId = message.requestId;
  process.env._X_AMZN_TRACE_ID = message.traceId;
  try {
    const result = await handler(JSON.parse(message.eventJson), createContext(message));
    // Lambda returns `null` for a handler that returns nothing.
    const payload = JSON.stringify(result) ?? 'null';
    send({ type: 'result', requestId: message.requestId, payload, maxRssKb: maxRssKb(), output: outputMark() });
  } catch (error) {
    const serialized = serializeError(error);
    console.error(`Invoke Error \t${JSON.stringify(serialized)}`);
    send({ type: 'error', requestId: message.requestId, error: serialized, maxRssKb: maxRssKb(), output: outputMark() });
  }
}

function createContext(message: InvokeMessage): LambdaContext {
  const env = process.env;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME ?? '',
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION ?? '',
    invokedFunctionArn: message.invokedFunctionArn,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '',
    awsRequestId: message.requestId,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME ?? '',
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME ?? '',
    getRemainingTimeInMillis: () => Math.max(0, message.deadlineMs - Date.now()),
  };
}

function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    return { errorType: error.name, errorMessage: error.message, stack: (error.stack ?? '').split('\n') };
  }
  return { errorType: typeof error, errorMessage: String(error), stack: [] };
}

function maxRssKb(): number {
  return process.resourceUsage().maxRSS;
}

function send(message: RuntimeMessage): void {
  process.send?.(message);
}
