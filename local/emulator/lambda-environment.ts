import type { StageConfig } from '../../lib/config';
import { FUNCTION_SETTINGS, functionEnvironment, SERVICE_NAME, type DeployedResources } from '../../lib/function-settings';
import type { FunctionDefinition } from '../../lib/functions';

/** The account every emulated ARN and event names, as in AWS's own examples. */
export const ACCOUNT_ID = '123456789012';

/** The region a container reports unless the caller's environment names another. */
export const DEFAULT_REGION = 'eu-west-1';

/** The Lambda version every emulated invocation runs. */
export const FUNCTION_VERSION = '$LATEST';

/** e.g. `marchcroft-api-dev-ShareCaseStudy`, `marchcroft-api-dev-ContactMailer`. */
export function lambdaFunctionName(definition: FunctionDefinition, config: StageConfig): string {
  return `${SERVICE_NAME}-${config.stage}-${definition.id}`;
}

export interface LambdaEnvironmentProps {
  /** The function: a route's or a job's definition. */
  readonly route: FunctionDefinition;
  readonly config: StageConfig;
  /** The names of the stage's resources (the local stand-ins'). */
  readonly resources: DeployedResources;
  /** The container's log stream, different for every container. */
  readonly logStreamName: string;
  /** Where the bundle lives (`LAMBDA_TASK_ROOT`). */
  readonly taskRoot: string;
  /**
   * Laid over everything else, e.g. a local CMS_URL.
   * @default {}
   */
  readonly overrides?: Readonly<Record<string, string>>;
}

/**
 * A container's whole environment, built from scratch: nothing of the emulator's own
 * (its NODE_OPTIONS, credentials, secrets) leaks in except PATH and HOME. It is the
 * stack's `functionEnvironment()` plus the variables the Lambda runtime sets.
 */
export function lambdaEnvironment(props: LambdaEnvironmentProps): Record<string, string> {
  const overrides = props.overrides ?? {};
  const region = overrides.AWS_REGION ?? DEFAULT_REGION;
  const functionName = lambdaFunctionName(props.route, props.config);
  return {
    ...(process.env.PATH !== undefined ? { PATH: process.env.PATH } : {}),
    ...(process.env.HOME !== undefined ? { HOME: process.env.HOME } : {}),
    ...functionEnvironment(props.route, props.config, props.resources),
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${FUNCTION_SETTINGS.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_LAMBDA_FUNCTION_VERSION: FUNCTION_VERSION,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(FUNCTION_SETTINGS.memorySize),
    // Powertools reports `cold_start` only when it knows the environment was created on demand.
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: props.logStreamName,
    LAMBDA_TASK_ROOT: props.taskRoot,
    _HANDLER: 'index.handler',
    TZ: ':UTC',
    ...overrides,
  };
}

/** The ARN API Gateway invokes, in the emulator's fixed account. */
export function invokedFunctionArn(functionName: string, region: string, accountId: string): string {
  return `arn:aws:lambda:${region}:${accountId}:function:${functionName}`;
}
