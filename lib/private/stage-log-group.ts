import { RemovalPolicy } from 'aws-cdk-lib';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config';

/** The stage whose logs outlive a deleted stack. */
const PRODUCTION_STAGE = 'prod';

/**
 * Prod keeps its logs when the stack goes (they are the record of what
 * happened); every other stage's logs go with their stack, so a throwaway
 * stage leaves nothing behind.
 */
export function stageLogRemovalPolicy(config: StageConfig): RemovalPolicy {
  return config.stage === PRODUCTION_STAGE ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
}

/**
 * A log group kept for the stage's retention. Its name is left to
 * CloudFormation: a fixed name on a retained group would make the next
 * deployment of a re-created stack fail with "already exists".
 */
export function stageLogGroup(scope: Construct, id: string, config: StageConfig, removalPolicy?: RemovalPolicy): LogGroup {
  return new LogGroup(scope, id, {
    // `stageConfigFromContext` accepts only CloudWatch's allowed values, and RetentionDays' values are those days.
    retention: config.logRetentionDays as RetentionDays,
    removalPolicy: removalPolicy ?? stageLogRemovalPolicy(config),
  });
}
