import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

// The stage's dashboard counts cold starts per function: the ColdStart metric must carry the function's name
// (dimension `function_name`, beside Powertools' `service`), which is what the dashboard's ColdStart lines name.
describe('instrumentedHandler metrics', () => {
  it('emits ColdStart once, with the dimensions service, stage and function_name', async () => {
    process.env.POWERTOOLS_METRICS_NAMESPACE = 'Marchcroft';
    process.env.POWERTOOLS_SERVICE_NAME = 'marchcroft-api';
    process.env.STAGE = 'test';
    // As Lambda sets it; Powertools counts a cold start of on-demand environments only.
    process.env.AWS_LAMBDA_INITIALIZATION_TYPE = 'on-demand';
    const written: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      // Loaded here, after the environment: Powertools reads it when the module makes its Metrics.
      const { instrumentedHandler } = require('../../../lambda/shared/instrumented-handler') as typeof import('../../../lambda/shared/instrumented-handler');
      const handler = instrumentedHandler(async () => ({ statusCode: 204, headers: {} }));
      const event = { requestContext: { requestId: 'request-1' } } as APIGatewayProxyEventV2;
      const context = { functionName: 'marchcroft-api-test-Health', awsRequestId: 'aws-1' } as Context;
      await handler(event, context);
      await handler({ requestContext: { requestId: 'request-2' } } as APIGatewayProxyEventV2, context);
    } finally {
      write.mockRestore();
    }
    const metrics = written
      .join('')
      .split('\n')
      .filter((line) => line.includes('"_aws"'))
      .map((line) => JSON.parse(line) as { _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][] }[] } } & Record<string, unknown>);
    const coldStarts = metrics.filter((line) => line.ColdStart === 1);
    expect(coldStarts).toHaveLength(1);
    expect(coldStarts[0]).toMatchObject({ service: 'marchcroft-api', stage: 'test', function_name: 'marchcroft-api-test-Health' });
    expect(coldStarts[0]!._aws.CloudWatchMetrics[0]!.Namespace).toBe('Marchcroft');
    expect(coldStarts[0]!._aws.CloudWatchMetrics[0]!.Dimensions[0]!.sort()).toEqual(['function_name', 'service', 'stage']);
  });
});
