import { RemovalPolicy } from 'aws-cdk-lib';
import type { StageConfig } from '../config';

/** The stage whose data and logs outlive a deleted stack. */
const PRODUCTION_STAGE = 'prod';

/** Whether the stage is production: what it stores is kept and protected. */
export function isProductionStage(config: StageConfig): boolean {
  return config.stage === PRODUCTION_STAGE;
}

/**
 * Prod keeps its stored data and logs when the stack goes (they are the
 * record of what happened); every other stage's go with their stack, so a
 * throwaway stage leaves nothing behind.
 */
export function stageRemovalPolicy(config: StageConfig): RemovalPolicy {
  return isProductionStage(config) ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
}
