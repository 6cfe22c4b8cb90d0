import { App } from 'aws-cdk-lib';
import { stageConfigFromContext } from '../lib/config';
import { MarchcroftApiStack } from '../lib/marchcroft-api-stack';

const app = new App();
const config = stageConfigFromContext({ stage: app.node.tryGetContext('stage'), stages: app.node.tryGetContext('stages') });
new MarchcroftApiStack(app, `MarchcroftApi-${config.stage}`, {
  config,
  // Unset without credentials: the stack is then environment-agnostic and synthesizes offline.
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
