import { join, resolve } from 'node:path';
import { build, type BuildFailure, type Message } from 'esbuild';
import { esbuildOptions } from '../../lib/function-settings';
import type { FunctionDefinition } from '../../lib/functions';
import { BundleError, type FunctionKind } from './errors';

/** Where each function's bundle went: its `LAMBDA_TASK_ROOT`, holding `index.mjs` and its source map. */
export type TaskRoots = ReadonlyMap<string, string>;

/**
 * Bundles every function's handler (routes', or jobs' with `kind: 'Job'`) exactly as the
 * stack does (`esbuildOptions`), into `<buildDir>/<Id>/index.mjs`. Rejects with a
 * {@link BundleError} naming the first function whose entry does not build.
 */
export async function bundleHandlers(
  definitions: readonly FunctionDefinition[],
  buildDir: string,
  repoRoot: string,
  kind: FunctionKind = 'Route',
): Promise<TaskRoots> {
  const taskRoots = new Map(definitions.map((definition) => [definition.id, join(buildDir, definition.id)] as const));
  // The options the stack bundles each entry with, for all of them in one build: each is still its own bundle
  // (no splitting), but the shared modules are read and parsed once, several times faster than a build each.
  try {
    await build({
      ...esbuildOptions(),
      entryPoints: Object.fromEntries(definitions.map((definition) => [`${definition.id}/index`, resolve(repoRoot, definition.entry)])),
      outdir: buildDir,
      outExtension: { '.js': '.mjs' },
      absWorkingDir: repoRoot,
      // Failures are reported through the BundleError.
      logLevel: 'silent',
    });
  } catch {
    // Something does not build: one build each names the function.
    for (const definition of definitions) await bundleOne(definition, taskRoots.get(definition.id)!, repoRoot, kind);
  }
  return taskRoots;
}

async function bundleOne(definition: FunctionDefinition, taskRoot: string, repoRoot: string, kind: FunctionKind): Promise<void> {
  const entry = resolve(repoRoot, definition.entry);
  try {
    await build({ ...esbuildOptions(), entryPoints: [entry], outfile: join(taskRoot, 'index.mjs'), absWorkingDir: repoRoot, logLevel: 'silent' });
  } catch (error) {
    throw new BundleError(definition.id, definition.entry, describeFailure(error), { cause: error, kind });
  }
}

/** Bundles the container runtime into plain ESM that `node` runs without a TypeScript loader. */
export async function bundleRuntime(buildDir: string): Promise<string> {
  const outfile = join(buildDir, '_runtime', 'bootstrap.mjs');
  await build({
    entryPoints: [join(__dirname, 'runtime', 'bootstrap.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    logLevel: 'silent',
  });
  return outfile;
}

function describeFailure(error: unknown): string {
  const messages: Message[] = (error as Partial<BuildFailure>).errors ?? [];
  if (messages.length === 0) return String(error);
  return messages
    .map((message) => (message.location ? `${message.location.file}:${message.location.line}: ${message.text}` : message.text))
    .join('; ');
}
