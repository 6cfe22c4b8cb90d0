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
  const results = await Promise.allSettled(
    definitions.map(async (definition) => {
      const taskRoot = join(buildDir, definition.id);
      const entry = resolve(repoRoot, definition.entry);
      try {
        // Only the build's chattiness differs from the stack: failures are reported through the BundleError.
        await build({ ...esbuildOptions(entry, join(taskRoot, 'index.mjs')), absWorkingDir: repoRoot, logLevel: 'silent' });
      } catch (error) {
        throw new BundleError(definition.id, definition.entry, describeFailure(error), { cause: error, kind });
      }
      return [definition.id, taskRoot] as const;
    }),
  );
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
  return new Map(results.map((result) => (result as PromiseFulfilledResult<readonly [string, string]>).value));
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
