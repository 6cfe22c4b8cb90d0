import type { BuildOptions } from 'esbuild';
import { version } from '../package.json';
import type { StageConfig } from './config';
import { CONTACT_SUBMISSIONS_TABLE } from './contact-submissions';
import { needs, type FunctionDefinition } from './functions';

/**
 * The settings every route function shares, as plain data: the CDK construct
 * applies them, and the local emulator and the benchmark build and run the
 * handlers with the very same values.
 */
export const FUNCTION_SETTINGS = {
  runtime: 'nodejs24.x',
  architecture: 'arm64',
  memorySize: 256,
  timeoutSeconds: 10,
} as const;

/** How each handler is bundled: ESM, minified, with source maps; the AWS SDK comes with the runtime. */
export const BUNDLING = {
  format: 'esm',
  target: 'node24',
  minify: true,
  sourceMap: true,
  // Stack traces need file and line only; without the sources the map is a sixth of the size, and loads that much faster at cold start.
  sourcesContent: false,
  mainFields: ['module', 'main'],
  externalModules: ['@aws-sdk/*'],
  // Lets bundled CommonJS code `require` Node built-ins from an ES module.
  banner: "import{createRequire as __cjsRequire}from'node:module';const require=__cjsRequire(import.meta.url);",
} as const;

/**
 * The same bundling, as options of esbuild's API (what NodejsFunction runs through esbuild's CLI),
 * for the entries and output a caller adds: `{ ...esbuildOptions(), entryPoints, outfile }`.
 */
export function esbuildOptions(): BuildOptions {
  return {
    bundle: true,
    platform: 'node',
    format: BUNDLING.format,
    target: BUNDLING.target,
    minify: BUNDLING.minify,
    sourcemap: BUNDLING.sourceMap,
    sourcesContent: BUNDLING.sourcesContent,
    mainFields: [...BUNDLING.mainFields],
    external: [...BUNDLING.externalModules],
    banner: { js: BUNDLING.banner },
    logLevel: 'error',
  };
}

export const SERVICE_NAME = 'marchcroft-api';
export const METRICS_NAMESPACE = 'Marchcroft';

/** Names of what the stack creates, which functions are told in their environment. */
export interface DeployedResources {
  readonly contactSubmissionsTableName: string;
}

/** The names a stage's resources have in a local run, where nothing is named by CloudFormation. */
export function localResourceNames(config: StageConfig): DeployedResources {
  return { contactSubmissionsTableName: `${SERVICE_NAME}-${config.stage}-contact-submissions` };
}

/**
 * The environment a function runs with. Secrets are never in it: a CMS
 * function gets the secret's name, and reads the value at run time.
 */
export function functionEnvironment(definition: FunctionDefinition, config: StageConfig, resources: DeployedResources): Record<string, string> {
  return {
    NODE_OPTIONS: '--enable-source-maps',
    POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
    POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
    POWERTOOLS_LOG_LEVEL: 'INFO',
    STAGE: config.stage,
    SERVICE_VERSION: version,
    ...(needs(definition, 'cms')
      ? {
          CMS_URL: config.cmsUrl,
          CMS_SECRET_NAME: config.cmsSecretName,
          CMS_SECRET_KEY: config.cmsSecretKey,
          CMS_TIMEOUT_MS: String(config.cmsTimeoutMs),
        }
      : {}),
    ...(needs(definition, 'contactStore') || needs(definition, 'contactOutbox')
      ? { CONTACT_TABLE_NAME: resources.contactSubmissionsTableName }
      : {}),
    ...(needs(definition, 'contactStore') ? { CONTACT_RETENTION_DAYS: String(config.contact.retentionDays) } : {}),
    ...(needs(definition, 'contactOutbox')
      ? {
          CONTACT_OUTBOX_INDEX: CONTACT_SUBMISSIONS_TABLE.outboxIndex.indexName,
          CONTACT_MAX_EMAIL_ATTEMPTS: String(config.contact.maxEmailAttempts),
          CONTACT_RETRY_DELAY_SECONDS: String(config.contact.retryDelaySeconds),
        }
      : {}),
    ...(needs(definition, 'mail')
      ? { MAIL_FROM: config.contact.senderAddress, MAIL_TO: config.contact.recipients.join(',') }
      : {}),
    ...definition.environment?.(config),
  };
}
