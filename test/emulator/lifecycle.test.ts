import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defineRoutes } from '../../lib/routes';
import { BundleError, startEmulator } from '../../local/emulator';
import { FIXTURE_CONFIG } from './fixtures/routes';
import { START_TIMEOUT_MS } from './helpers';

const BUILD_ROOT = join(__dirname, '..', '..', '.build', 'emulator-test');

const route = (id: string, entry: string, path: string) =>
  ({ id, description: id, methods: ['GET'], path, entry }) as const;

const ROUTES = defineRoutes([
  route('Counter', 'test/emulator/fixtures/counter.ts', '/counter'),
  route('Sleep', 'test/emulator/fixtures/sleep.ts', '/sleep/{ms}'),
  route('Echo', 'test/emulator/fixtures/echo.ts', '/echo'),
]);

/** Ids of the container processes running from one build directory. */
function containerPids(buildDir: string): number[] {
  const runtime = join(buildDir, '_runtime', 'bootstrap.mjs');
  return execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(runtime))
    .map((line) => Number.parseInt(line.trim(), 10));
}

describe('the emulator\u2019s lifecycle', () => {
  it('bundles each handler into <buildDir>/<RouteId>/index.mjs with its source map', async () => {
    const buildDir = join(BUILD_ROOT, 'lifecycle-bundles');

    const emulator = await startEmulator({ routes: ROUTES, config: FIXTURE_CONFIG, buildDir, onLog: () => undefined });
    await emulator.close();

    for (const id of ['Counter', 'Sleep', 'Echo']) {
      expect(existsSync(join(buildDir, id, 'index.mjs'))).toBe(true);
      expect(existsSync(join(buildDir, id, 'index.mjs.map'))).toBe(true);
    }
  }, START_TIMEOUT_MS);

  it('rejects with a BundleError naming the route whose entry does not build', async () => {
    const routes = defineRoutes([...ROUTES, route('Missing', 'test/emulator/fixtures/does-not-exist.ts', '/missing')]);

    const starting = startEmulator({ routes, config: FIXTURE_CONFIG, buildDir: join(BUILD_ROOT, 'lifecycle-broken') });

    await expect(starting).rejects.toThrow(BundleError);
    await expect(starting).rejects.toMatchObject({ routeId: 'Missing', entry: 'test/emulator/fixtures/does-not-exist.ts' });
    await expect(starting).rejects.toThrow(/Route "Missing": cannot bundle test\/emulator\/fixtures\/does-not-exist\.ts/);
  }, START_TIMEOUT_MS);

  it('listens on 127.0.0.1 and the given port', async () => {
    const emulator = await startEmulator({ routes: ROUTES, config: FIXTURE_CONFIG, buildDir: join(BUILD_ROOT, 'lifecycle-port'), port: 0 });
    try {
      expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await emulator.close();
    }
  }, START_TIMEOUT_MS);

  it('takes the region from the given environment for the runtime and the ARN', async () => {
    const emulator = await startEmulator({
      routes: ROUTES,
      config: FIXTURE_CONFIG,
      buildDir: join(BUILD_ROOT, 'lifecycle-region'),
      environment: { AWS_REGION: 'us-east-1' },
      onLog: () => undefined,
    });
    try {
      const echoed = (await (await fetch(`${emulator.url}/echo`)).json()) as {
        env: Record<string, string>;
        context: { invokedFunctionArn: string };
      };

      expect(echoed.env.AWS_REGION).toBe('us-east-1');
      expect(echoed.env.AWS_DEFAULT_REGION).toBe('us-east-1');
      expect(echoed.context.invokedFunctionArn).toBe('arn:aws:lambda:us-east-1:123456789012:function:marchcroft-api-test-Echo');
    } finally {
      await emulator.close();
    }
  }, START_TIMEOUT_MS);

  it('kills every container on close(), busy or idle, and stops listening', async () => {
    const buildDir = join(BUILD_ROOT, 'lifecycle-close');
    const emulator = await startEmulator({ routes: ROUTES, config: FIXTURE_CONFIG, buildDir, onLog: () => undefined });
    await fetch(`${emulator.url}/counter`);
    const busy = fetch(`${emulator.url}/sleep/5000`).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const running = containerPids(buildDir);

    await emulator.close();
    await busy;

    expect(running).toHaveLength(2);
    expect(containerPids(buildDir)).toEqual([]);
    await expect(fetch(`${emulator.url}/counter`)).rejects.toThrow();
  }, START_TIMEOUT_MS);

  it('can be closed twice', async () => {
    const emulator = await startEmulator({ routes: ROUTES, config: FIXTURE_CONFIG, buildDir: join(BUILD_ROOT, 'lifecycle-twice') });

    await emulator.close();

    await expect(emulator.close()).resolves.toBeUndefined();
  }, START_TIMEOUT_MS);
});
