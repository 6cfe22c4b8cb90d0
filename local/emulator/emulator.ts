import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { FUNCTION_SETTINGS, localResourceNames } from '../../lib/function-settings';
import type { FunctionDefinition } from '../../lib/functions';
import { bundleHandlers, bundleRuntime, type TaskRoots } from './bundler';
import { ContainerPool } from './container-pool';
import { EmulatorError } from './errors';
import { FunctionLogs } from './function-logs';
import { HttpApiGateway } from './gateway';
import { apiId } from './ids';
import { JobScheduler } from './job-scheduler';
import { ACCOUNT_ID, DEFAULT_REGION, invokedFunctionArn, lambdaEnvironment, lambdaFunctionName } from './lambda-environment';
import { DEFAULT_INTEGRATION_TIMEOUT_MS } from './limits';
import type { Emulator, EmulatorOptions } from './options';

const REPO_ROOT = resolve(__dirname, '..', '..');

/**
 * Bundles every route's and job's handler as the stack does, then serves the routes over
 * real HTTP the way API Gateway HTTP API and Lambda would, and runs the jobs as their
 * EventBridge schedules would. Rejects with a `BundleError` when a handler does not build.
 */
export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const jobs = options.jobs ?? [];
  checkIdsAreDistinct(options.routes, jobs);
  if (options.jobIntervalMs !== undefined && !(Number.isFinite(options.jobIntervalMs) && options.jobIntervalMs > 0)) {
    throw new EmulatorError(`jobIntervalMs must be a positive number of milliseconds, not ${options.jobIntervalMs}.`);
  }
  const buildDir = resolve(options.buildDir ?? join(REPO_ROOT, '.build', 'emulator'));
  const [runtimeScript, routeRoots, jobRoots] = await Promise.all([
    bundleRuntime(buildDir),
    bundleHandlers(options.routes, buildDir, REPO_ROOT, 'Route'),
    bundleHandlers(jobs, buildDir, REPO_ROOT, 'Job'),
  ]);

  const logs = new FunctionLogs(
    [...options.routes, ...jobs].map((definition) => definition.id),
    options.onLog ?? ((functionId, line) => process.stdout.write(`[${functionId}] ${line}\n`)),
  );
  const region = options.environment?.AWS_REGION ?? DEFAULT_REGION;
  const resources = options.resources ?? localResourceNames(options.config);
  // Routes and jobs run alike: one pool of containers per function, the same environment.
  const poolOf = (definition: FunctionDefinition, taskRoots: TaskRoots): readonly [string, ContainerPool] => {
    const taskRoot = taskRoots.get(definition.id) ?? '';
    const pool = new ContainerPool({
      routeId: definition.id,
      runtimeScript,
      taskRoot,
      environment: (logStreamName) =>
        lambdaEnvironment({
          route: definition,
          config: options.config,
          resources,
          logStreamName,
          taskRoot,
          overrides: { ...options.environment, ...options.functionEnvironment?.(definition) },
        }),
      invokedFunctionArn: invokedFunctionArn(lambdaFunctionName(definition, options.config), region, ACCOUNT_ID),
      memorySizeMb: FUNCTION_SETTINGS.memorySize,
      functionTimeoutMs: options.functionTimeoutMs ?? FUNCTION_SETTINGS.timeoutSeconds * 1000,
      log: (line) => logs.append(definition.id, line),
    });
    return [definition.id, pool];
  };
  const pools = new Map(options.routes.map((route) => poolOf(route, routeRoots)));
  const jobPools = new Map(jobs.map((job) => poolOf(job, jobRoots)));
  const scheduler = new JobScheduler({
    jobs,
    pools: jobPools,
    config: options.config,
    region,
    log: (jobId, line) => logs.append(jobId, line),
  });

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
  if (options.jobIntervalMs !== undefined) scheduler.every(options.jobIntervalMs);
  let closing: Promise<void> | undefined;
  const allPools = () => [...pools.values(), ...jobPools.values()];

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    logs: (functionId) => logs.of(functionId),
    runJob: (id) => scheduler.run(id),
    resetContainers: async () => {
      await Promise.all(allPools().map((pool) => pool.reset()));
    },
    close: () => {
      closing ??= (async () => {
        scheduler.stop();
        await Promise.all(allPools().map((pool) => pool.close()));
        await stop(server);
      })();
      return closing;
    },
  };
}

/** Routes and jobs share the ids' namespace: logs, bundles and function names are keyed by id. */
function checkIdsAreDistinct(routes: readonly FunctionDefinition[], jobs: readonly FunctionDefinition[]): void {
  const routeIds = new Set(routes.map((route) => route.id));
  const jobIds = new Set<string>();
  for (const { id } of jobs) {
    if (routeIds.has(id)) throw new EmulatorError(`Job id "${id}" is also a route id; routes and jobs need distinct ids.`);
    if (jobIds.has(id)) throw new EmulatorError(`Job id "${id}" is used twice.`);
    jobIds.add(id);
  }
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
