import { FUNCTION_SETTINGS } from '../lib/function-settings';

describe('the Node.js that runs the tests', () => {
  it('is the major version of the Lambda runtime', () => {
    const lambdaMajor = FUNCTION_SETTINGS.runtime.match(/^nodejs(\d+)\.x$/)?.[1];
    expect(process.versions.node.split('.')[0]).toBe(lambdaMajor);
  });
});
