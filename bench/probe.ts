/**
 * Runs inside a fresh Node process, as a Lambda container would: imports one
 * bundled handler and invokes it, then reports timings to the parent over IPC.
 * `cold`: import + first invocation. `warm`: first invocation, then `count` more, each timed.
 */
import { pathToFileURL } from 'node:url';

interface ProbeRequest {
  readonly mode: 'cold' | 'warm';
  readonly bundle: string;
  readonly event: unknown;
  readonly count: number;
}

type Handler = (event: unknown, context: unknown) => Promise<{ statusCode?: number }>;

const context = {
  awsRequestId: 'bench',
  functionName: 'bench',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:bench',
  memoryLimitInMB: '256',
  logGroupName: '/aws/lambda/bench',
  logStreamName: 'bench',
  callbackWaitsForEmptyEventLoop: false,
  getRemainingTimeInMillis: () => 10_000,
};

process.once('message', async (request: ProbeRequest) => {
  const started = performance.now();
  const { handler } = (await import(pathToFileURL(request.bundle).href)) as { handler: Handler };
  const first = await handler(request.event, context);
  const coldMs = performance.now() - started;
  const samples: number[] = [];
  for (let i = 0; request.mode === 'warm' && i < request.count; i += 1) {
    const begin = performance.now();
    await handler(request.event, context);
    samples.push(performance.now() - begin);
  }
  process.send!({ coldMs, status: first.statusCode, samples }, () => process.exit(0));
});
