import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stageConfigFromContext, type StageConfig, type StageOverrides } from '../lib/config';

/**
 * The configuration of a stage as `cdk.json` defines it, for running that
 * stage's code locally; `overrides` are laid over the stage's own settings
 * before defaults are applied, and checked like them.
 */
export function stageConfigFromCdkJson(stage = 'dev', overrides: StageOverrides = {}): StageConfig {
  const { context } = JSON.parse(readFileSync(join(__dirname, '..', 'cdk.json'), 'utf8')) as { context: { stages: Record<string, object> } };
  const stages = { ...context.stages, [stage]: { ...context.stages[stage], ...overrides } };
  return stageConfigFromContext({ stage, stages });
}
