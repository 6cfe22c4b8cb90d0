import type { Config } from 'jest';

const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Type-checking is `tsc`'s job (`npm test` runs it first); ts-jest only transpiles (isolatedModules).
  transform: { '^.+\\.ts$': 'ts-jest' },
  // Integration suites start local servers (and bundle handlers) in their hooks: on a busy 2-core machine that
  // can take longer than Jest's default 5 s, which would fail a test for the machine's load, not for what it checks.
  testTimeout: 20_000,
};

export default config;
