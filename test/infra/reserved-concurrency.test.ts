import { Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { DEFAULT_STAGE_CONFIG, resolveStageConfig, type StageConfig } from '../../lib/config';
import { JOBS } from '../../lib/jobs';
import { MarchcroftApiStack } from '../../lib/marchcroft-api-stack';
import { ROUTES } from '../../lib/routes';
import { CDK_JSON_STAGES, cdkJsonStageConfig, ENV, newApp } from './support';

/** `ReservedConcurrentExecutions` of every function of the stack, by route or job id (absent: none reserved). */
function reservations(config: StageConfig): Record<string, number | undefined> {
  const stack = new MarchcroftApiStack(newApp(), `MarchcroftApi-${config.stage}`, { config, env: ENV });
  const resources = Template.fromStack(stack).toJSON().Resources as Record<string, any>;
  return Object.fromEntries(
    [...stack.functions].map(([id, apiFunction]) => [id, resources[stack.getLogicalId(apiFunction.fn.node.defaultChild as CfnFunction)].Properties.ReservedConcurrentExecutions]),
  );
}

describe('reserved concurrency', () => {
  it('defaults to 10 for the contact form and 1 for the mailer, only for functions that exist', () => {
    expect(DEFAULT_STAGE_CONFIG.reservedConcurrency).toEqual({ Contact: 40, ContactMailer: 1 });
    const ids = [...ROUTES, ...JOBS].map((definition) => definition.id);
    for (const id of Object.keys(DEFAULT_STAGE_CONFIG.reservedConcurrency)) expect(ids).toContain(id);
  });

  it.each(CDK_JSON_STAGES)('reserves 10 for Contact, 1 for ContactMailer and nothing for the other routes (%s)', (stage) => {
    expect(reservations(cdkJsonStageConfig(stage))).toEqual({ Health: undefined, ShareCaseStudy: undefined, Contact: 40, ContactMailer: 1 });
  });

  it('takes a stage’s values over the defaults, for routes and jobs', () => {
    const config = resolveStageConfig('test', { reservedConcurrency: { ShareCaseStudy: 5, ContactMailer: 2 } });
    expect(config.reservedConcurrency).toEqual({ Contact: 40, ContactMailer: 2, ShareCaseStudy: 5 });
    expect(reservations(config)).toEqual({ Health: undefined, ShareCaseStudy: 5, Contact: 40, ContactMailer: 2 });
  });

  it.each([
    ['an id that is no route or job', { Contcat: 10 }, `reservedConcurrency.Contcat: must be a route or job id: ${[...ROUTES, ...JOBS].map(({ id }) => id).join(', ')}`],
    ['0, which would stop the function', { Contact: 0 }, 'reservedConcurrency.Contact: Invalid value: Expected >=1 but received 0'],
    ['a fraction', { Contact: 1.5 }, 'reservedConcurrency.Contact: Invalid integer: Received 1.5'],
    ['a string', { Contact: '10' }, 'reservedConcurrency.Contact: Invalid type: Expected number but received "10"'],
    ['null', { ContactMailer: null }, 'reservedConcurrency.ContactMailer: Invalid type: Expected number but received null'],
  ])('refuses %s', (_, reservedConcurrency, problem) => {
    expect(() => resolveStageConfig('dev', { reservedConcurrency })).toThrow(`Invalid configuration for stage "dev": ${problem}`);
  });
});
