import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { CDK_JSON_STAGES } from './support';

const ROOT = path.resolve(__dirname, '../..');
const text = readFileSync(path.join(ROOT, 'buildspec.yml'), 'utf8');

interface Phase {
  readonly 'on-failure'?: string;
  readonly 'runtime-versions'?: Record<string, unknown>;
  readonly commands?: readonly string[];
}
interface Buildspec {
  readonly version: unknown;
  readonly env?: { readonly shell?: string; readonly variables?: Record<string, unknown> };
  readonly phases: Partial<Record<(typeof PHASES)[number], Phase>>;
}

/** CodeBuild runs its phases in this order; post_build runs even when build fails, unless build aborts the build. */
const PHASES = ['install', 'pre_build', 'build', 'post_build'] as const;

const buildspec = parse(text) as Buildspec;

/** Every shell command, in the order CodeBuild runs them, one per `&&`, `;` or line of a command entry. */
const steps = PHASES.flatMap((phase, phaseIndex) =>
  (buildspec.phases[phase]?.commands ?? []).flatMap((entry) =>
    entry
      .split(/&&|;|\n/)
      .map((command) => command.trim())
      .filter((command) => command !== '')
      .map((command) => ({ phase, phaseIndex, command })),
  ),
);
const first = (pattern: RegExp) => steps.findIndex((step) => pattern.test(step.command));

/** The README's test command: the `npm ci && npm test` line of "Two commands". */
function readmeTestCommand(): string[] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Two commands'));
  const line = section.split('\n').find((candidate) => /^npm ci && npm test\b/.test(candidate));
  if (!line) throw new Error('README.md "Two commands" has no `npm ci && npm test` line');
  return line.replace(/#.*$/, '').split('&&').map((command) => command.trim());
}

const NPM_CI = /^npm ci$/;
const NPM_TEST = /^npm test$/;
const CDK_DEPLOY = /\bcdk deploy\b/;

describe('buildspec.yml', () => {
  it('is a CodeBuild buildspec, version 0.2, whose commands run in bash', () => {
    expect(String(buildspec.version)).toBe('0.2');
    expect(Object.keys(buildspec.phases).every((phase) => (PHASES as readonly string[]).includes(phase))).toBe(true);
    expect(buildspec.env?.shell).toBe('bash');
  });

  it('runs the README\u2019s test command, `npm ci` then `npm test`, each as its own command', () => {
    expect(readmeTestCommand()).toEqual(['npm ci', 'npm test']);
    expect(first(NPM_CI)).toBeGreaterThanOrEqual(0);
    expect(first(NPM_CI)).toBeLessThan(first(NPM_TEST));
  });

  it('deploys only after `npm test`, and never once it has failed', () => {
    const test = first(NPM_TEST);
    const deploys = steps.map((step, index) => ({ ...step, index })).filter((step) => CDK_DEPLOY.test(step.command));
    expect(deploys).toHaveLength(1);
    for (const deploy of deploys) {
      expect(deploy.index).toBeGreaterThan(test);
      // In the same phase, a failed command ends the phase; a later phase must be reached only if the test's phase
      // aborts the build on failure (CodeBuild runs post_build after a failed build phase otherwise).
      if (deploy.phase !== steps[test].phase) expect(buildspec.phases[steps[test].phase]?.['on-failure']).toBe('ABORT');
    }
    // Nothing before the tests deploys or synthesizes anything against the account.
    expect(steps.slice(0, test).filter((step) => /\bcdk\b/.test(step.command))).toEqual([]);
  });

  it('deploys the stage named by STAGE, dev unless the project or the build sets it, without a prompt', () => {
    const deploy = steps.find((step) => CDK_DEPLOY.test(step.command));
    expect(deploy?.command).toMatch(/^npx cdk deploy /);
    expect(deploy?.command).toMatch(/ -c stage="?\$\{?STAGE\}?"?( |$)/);
    expect(deploy?.command).toMatch(/ --require-approval never( |$)/);
    expect(buildspec.env?.variables?.STAGE).toBe('dev');
    expect(CDK_JSON_STAGES).toContain(buildspec.env?.variables?.STAGE);
  });

  it('installs Debian\u2019s Chromium for the browser test before `npm test`, and no browser through a download', () => {
    const chromium = first(/^bash scripts\/ensure-chromium\.sh$/);
    expect(chromium).toBeGreaterThanOrEqual(0);
    expect(chromium).toBeLessThan(first(NPM_TEST));
    expect(text).not.toMatch(/playwright install/);
  });

  it('never skips install scripts, which would leave out Node 24', () => {
    expect(text).not.toMatch(/--ignore-scripts|ignore-scripts\s*=?\s*true/);
  });

  it('aborts the build when the install fails', () => {
    expect(buildspec.phases.install?.['on-failure']).toBe('ABORT');
  });
});
