import { CfnOutput, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { ApiFunction } from './api-function';
import type { StageConfig } from './config';
import { corsSettings } from './cors';
import { SERVICE_NAME } from './function-settings';
import { MarchcroftHttpApi } from './marchcroft-http-api';
import { ROUTES, type RouteDefinition } from './routes';

/** Properties of a {@link MarchcroftApiStack}. */
export interface MarchcroftApiStackProps extends StackProps {
  /** The stage to deploy. */
  readonly config: StageConfig;
  /**
   * The routes to serve.
   * @default ROUTES
   */
  readonly routes?: readonly RouteDefinition[];
}

/**
 * One stage of the Marchcroft API: the HTTP API and a function per route of
 * the table. Nothing here is per route: a new entry in the table is a new
 * route, function and role.
 */
export class MarchcroftApiStack extends Stack {
  readonly api: MarchcroftHttpApi;
  /** The route functions, by route id. */
  readonly functions: ReadonlyMap<string, ApiFunction>;

  constructor(scope: Construct, id: string, props: MarchcroftApiStackProps) {
    super(scope, id, props);
    const { config } = props;
    const routes = props.routes ?? ROUTES;

    // A reference by name: the secret is made and filled outside this stack, so its value never passes through CloudFormation.
    const cmsSecret = Secret.fromSecretNameV2(this, 'CmsSecret', config.cmsSecretName);
    this.api = new MarchcroftHttpApi(this, 'Api', { config, cors: corsSettings(config, routes) });

    const functions = new Map<string, ApiFunction>();
    for (const route of routes) {
      const apiFunction = new ApiFunction(this, route.id, { route, config, cmsSecret });
      this.api.addRoute(route, apiFunction.fn);
      functions.set(route.id, apiFunction);
    }
    this.functions = functions;

    Tags.of(this).add('Project', SERVICE_NAME);
    Tags.of(this).add('Stage', config.stage);
    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the API (the $default stage)' });
  }
}
