import type { Config } from 'jest';

const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Type-checking is `tsc`'s job (`npm test` runs it first); ts-jest only transpiles (isolatedModules).
  transform: { '^.+\\.ts$': 'ts-jest' },
};

export default config;
