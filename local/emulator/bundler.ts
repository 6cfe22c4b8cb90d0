import { join, resolve } from 'node:path';
import { build, type BuildFailure, type Message } from 'esbuild';
import { esbuildOptions } from '../../lib/function-settings';
import type { RouteDefinition } from '../../lib/routes';
import { BundleError } from './errors';

/** Where each route's bundle went: its `LAMBDA_TASK_ROOT`, holding `index.mjs` and its source map. */
export type TaskRoots = ReadonlyMap<string, string>;

/**
 * Bundles every route's handler exactly as the stack does (`esbuildOptions`), into
 * `<buildDir>/<RouteId>/index.mjs`. Rejects with a {@link BundleError} naming the first
 * route whose entry does not build.
 */
export async function bundleHandlers(routes: readonly RouteDefinition[], buildDir: string, repoRoot: string): Promise<TaskRoots> {
  const results = await Promise.allSettled(
    routes.map(async (route) => {
      const taskRoot = join(buildDir, route.id);
      const entry = resolve(repoRoot, route.entry);
      try {
        // Only the build's chattiness differs from the stack: failures are reported through the BundleError.
        await build({ ...esbuildOptions(entry, join(taskRoot, 'index.mjs')), absWorkingDir: repoRoot, logLevel: 'silent' });
      } catch (error) {
        throw new BundleError(route.id, route.entry, describeFailure(error), { cause: error });
      }
      return [route.id, taskRoot] as const;
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
