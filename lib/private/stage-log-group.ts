import type { RemovalPolicy } from 'aws-cdk-lib';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config';
import { stageRemovalPolicy } from './stage-retention';

/**
 * A log group kept for the stage's retention, and kept after the stack in
 * prod only ({@link stageRemovalPolicy}). Its name is left to
 * CloudFormation: a fixed name on a retained group would make the next
 * deployment of a re-created stack fail with "already exists".
 */
export function stageLogGroup(scope: Construct, id: string, config: StageConfig, removalPolicy?: RemovalPolicy): LogGroup {
  return new LogGroup(scope, id, {
    // `stageConfigFromContext` accepts only CloudWatch's allowed values, and RetentionDays' values are those days.
    retention: config.logRetentionDays as RetentionDays,
    removalPolicy: removalPolicy ?? stageRemovalPolicy(config),
  });
}
