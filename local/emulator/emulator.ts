import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { FUNCTION_SETTINGS } from '../../lib/function-settings';
import { bundleHandlers, bundleRuntime } from './bundler';
import { ContainerPool } from './container-pool';
import { FunctionLogs } from './function-logs';
import { HttpApiGateway } from './gateway';
import { apiId } from './ids';
import { ACCOUNT_ID, DEFAULT_REGION, invokedFunctionArn, lambdaEnvironment, lambdaFunctionName } from './lambda-environment';
import { DEFAULT_INTEGRATION_TIMEOUT_MS } from './limits';
import type { Emulator, EmulatorOptions } from './options';

const REPO_ROOT = resolve(__dirname, '..', '..');

/**
 * Bundles every route's handler as the stack does, then serves the routes over real
 * HTTP the way API Gateway HTTP API and Lambda would. Rejects with a `BundleError`
 * when a handler does not build.
 */
export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const buildDir = resolve(options.buildDir ?? join(REPO_ROOT, '.build', 'emulator'));
  const [runtimeScript, taskRoots] = await Promise.all([bundleRuntime(buildDir), bundleHandlers(options.routes, buildDir, REPO_ROOT)]);

  const logs = new FunctionLogs(
    options.routes.map((route) => route.id),
    options.onLog ?? ((routeId, line) => process.stdout.write(`[${routeId}] ${line}\n`)),
  );
  const region = options.environment?.AWS_REGION ?? DEFAULT_REGION;
  const pools = new Map(
    options.routes.map((route) => {
      const taskRoot = taskRoots.get(route.id) ?? '';
      const pool = new ContainerPool({
        routeId: route.id,
        runtimeScript,
        taskRoot,
        environment: (logStreamName) =>
          lambdaEnvironment({
            route,
            config: options.config,
            logStreamName,
            taskRoot,
            overrides: { ...options.environment, ...options.routeEnvironment?.(route) },
          }),
        invokedFunctionArn: invokedFunctionArn(lambdaFunctionName(route, options.config), region, ACCOUNT_ID),
        memorySizeMb: FUNCTION_SETTINGS.memorySize,
        functionTimeoutMs: options.functionTimeoutMs ?? FUNCTION_SETTINGS.timeoutSeconds * 1000,
        log: (line) => logs.append(route.id, line),
      });
      return [route.id, pool] as const;
    }),
  );
  const gateway = new HttpApiGateway({
    routes: options.routes,
    config: options.config,
    pools,
    apiId: apiId(),
    integrationTimeoutMs: options.integrationTimeoutMs ?? DEFAULT_INTEGRATION_TIMEOUT_MS,
    log: (routeId, line) => logs.append(routeId, line),
  });

  const server = createServer(gateway.handle);
  const host = options.host ?? '127.0.0.1';
  await listen(server, options.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    logs: (routeId) => logs.of(routeId),
    resetContainers: async () => {
      await Promise.all([...pools.values()].map((pool) => pool.reset()));
    },
    close: () => {
      closing ??= Promise.all([...pools.values()].map((pool) => pool.close())).then(() => stop(server));
      return closing;
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Closes the server and every open connection, so nothing keeps the process alive. */
function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
