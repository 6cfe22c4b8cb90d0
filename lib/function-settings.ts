import type { BuildOptions } from 'esbuild';
import { version } from '../package.json';
import type { StageConfig } from './config';
import type { RouteDefinition } from './routes';

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

/** The same bundling, as options of esbuild's API (what NodejsFunction runs through esbuild's CLI). */
export function esbuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
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

/**
 * The environment a route's function runs with. Secrets are never in it: a
 * CMS route gets the secret's name, and reads the value at run time.
 */
export function functionEnvironment(route: RouteDefinition, config: StageConfig): Record<string, string> {
  const needs = route.needs ?? [];
  return {
    NODE_OPTIONS: '--enable-source-maps',
    POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
    POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
    POWERTOOLS_LOG_LEVEL: 'INFO',
    STAGE: config.stage,
    SERVICE_VERSION: version,
    ...(needs.includes('cms')
      ? {
          CMS_URL: config.cmsUrl,
          CMS_SECRET_NAME: config.cmsSecretName,
          CMS_SECRET_KEY: config.cmsSecretKey,
          CMS_TIMEOUT_MS: String(config.cmsTimeoutMs),
        }
      : {}),
    ...route.environment?.(config),
  };
}
