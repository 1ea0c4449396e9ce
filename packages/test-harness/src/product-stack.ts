import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningSandbox, startSandbox } from '@cohorts/sandbox';
import { type RunningService, startAuthEmulator, startFirestoreEmulator, testProjectId } from './emulators';
import { deleteRedisPrefix, redisUrl, uniqueRedisPrefix } from './fixtures';
import { freePort } from './ports';
import { runLogged, type StackProcess, spawnLogged, waitUntilServing } from './processes';
import { assertRedisAnswers } from './services';

const webDir = fileURLToPath(new URL('../../../apps/web', import.meta.url));
const workerDir = fileURLToPath(new URL('../../../apps/worker', import.meta.url));

/**
 * How the web app is served: a production build (`next build` + `next start`, what runs in
 * production; every route compiled once up front), or `next dev` (no build step; routes compile on
 * their first request).
 */
export type WebMode = 'start' | 'dev';

export interface ProductStackOptions {
  /** Names the run: its Redis prefix and cron secret start with it, and a failure says it. */
  name: string;
  /** Where every process's log goes. */
  logDir: string;
  webMode: WebMode;
  /** With `webMode: 'start'`: build first (false reuses the last build in `nextDistDir`). */
  build: boolean;
  /** The web app's own build folder (`NEXT_DIST_DIR`), so it never collides with another server's. */
  nextDistDir: string;
  /**
   * Opens an inspector on a free port in every process (the web app's in the process that serves:
   * Next's own `--inspect`); the ports come back as `inspectorPorts`.
   */
  inspect?: boolean;
  /** Where the sandbox's clock starts (default: real time). */
  sandboxClockStartAt?: string;
  /**
   * The product's part of the web app's and workers' environment (OAuth apps, keys, …), given the
   * web app's address; laid over the stack's addresses and secrets.
   */
  productEnv(webUrl: string): Record<string, string>;
  /** Set on every worker, on top of the shared environment. */
  workerEnv?: Record<string, string>;
  /** One entry per worker process: its name (and log file's) and the environment only it gets. */
  workers: Array<{ name: string; env?: Record<string, string> }>;
  /** How long a process gets to exit after SIGTERM before SIGKILL (default 10 s). */
  stopTimeoutMs?: number;
}

export interface ProductStack {
  sandbox: RunningSandbox;
  redisPrefix: string;
  firestoreHost: string;
  authHost: string;
  /** What the workers and the web app share: keys, secrets, addresses. */
  env: Record<string, string>;
  webUrl: string;
  cronSecret: string;
  web: StackProcess;
  workers: StackProcess[];
  /** With `inspect`: each process's inspector port on 127.0.0.1, by process name. */
  inspectorPorts: Record<string, number>;
  logDir: string;
  /** Seconds each part took to come up. */
  startup: { emulators: number; webBuild: number | null; processes: number };
  stop(): Promise<void>;
}

function seconds(sinceMs: number): number {
  return Math.round((performance.now() - sinceMs) / 100) / 10;
}

/**
 * The whole product on free ports, isolated from the rest of the machine: Firestore and Auth
 * emulators of its own (the scheduler and reconciler scan the whole project, and the Auth emulator
 * signs ID tokens for its one default project, which the web app must use), a Redis check and a
 * Redis prefix of its own, the ad platform sandbox in this process, the worker processes and the web
 * app, each serving (`/readyz`, `/api/healthz`) before this returns.
 */
export async function startProductStack(options: ProductStackOptions): Promise<ProductStack> {
  const { logDir } = options;
  const services: RunningService[] = [];
  const processes: StackProcess[] = [];
  let sandbox: RunningSandbox | null = null;
  const redisPrefix = uniqueRedisPrefix(options.name);
  const stop = async () => {
    await Promise.all(processes.map((process) => process.stop(options.stopTimeoutMs)));
    await sandbox?.close();
    await deleteRedisPrefix(redisPrefix);
    await Promise.all(services.map((service) => service.stop()));
  };
  try {
    let started = performance.now();
    const [firestore, auth] = await Promise.all([
      startFirestoreEmulator(),
      startAuthEmulator(),
      assertRedisAnswers(redisUrl()),
    ]);
    services.push(firestore, auth);
    const emulators = seconds(started);

    sandbox = await startSandbox({ port: 0, clockStartAt: options.sandboxClockStartAt });
    const freePorts = (count: number) => Promise.all(Array.from({ length: count }, () => freePort()));
    const [webPort, ...workerPorts] = await freePorts(1 + options.workers.length);
    const [webInspector, ...workerInspectors] = options.inspect
      ? await freePorts(1 + options.workers.length)
      : [];
    const webUrl = `http://127.0.0.1:${webPort}`;
    const cronSecret = `${options.name}-cron-${randomBytes(12).toString('hex')}`;
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );
    const env = {
      ...inherited,
      ...options.productEnv(webUrl),
      NODE_ENV: 'test',
      APP_BASE_URL: webUrl,
      ADS_SANDBOX_URL: sandbox.url,
      FIREBASE_PROJECT_ID: testProjectId,
      GCLOUD_PROJECT: testProjectId,
      FIRESTORE_EMULATOR_HOST: firestore.host,
      FIREBASE_AUTH_EMULATOR_HOST: auth.host,
      METADATA_SERVER_DETECTION: 'none',
      REDIS_URL: redisUrl(),
      REDIS_PREFIX: redisPrefix,
      INTEGRATIONS_CRON_SECRET: cronSecret,
    };

    let webBuild: number | null = null;
    const nextBin = join(webDir, 'node_modules', 'next', 'dist', 'bin', 'next');
    const webEnv = { ...env, NEXT_DIST_DIR: options.nextDistDir, NEXT_TELEMETRY_DISABLED: '1' };
    if (options.webMode === 'start' && options.build) {
      started = performance.now();
      // NODE_ENV=production while building; the server runs with NODE_ENV=test (it refuses the Auth emulator in production).
      await runLogged('web-build', process.execPath, [nextBin, 'build'], {
        cwd: webDir,
        env: { ...webEnv, NODE_ENV: 'production' },
        logDir,
      });
      webBuild = seconds(started);
    }

    started = performance.now();
    const workers = options.workers.map((worker, index) => {
      const inspector = workerInspectors[index];
      return spawnLogged(
        worker.name,
        process.execPath,
        [
          ...(inspector === undefined ? [] : [`--inspect=127.0.0.1:${inspector}`]),
          '--import',
          'tsx',
          'src/main.ts',
        ],
        {
          cwd: workerDir,
          env: {
            ...env,
            ...options.workerEnv,
            ...worker.env,
            WORKER_HEALTH_PORT: String(workerPorts[index]),
          },
          logDir,
        },
      );
    });
    processes.push(...workers);
    const web = spawnLogged(
      'web',
      process.execPath,
      [
        nextBin,
        options.webMode,
        '--port',
        String(webPort),
        '--hostname',
        '127.0.0.1',
        // Next opens the inspector in the process that serves (`next dev` serves from a child).
        ...(webInspector === undefined ? [] : [`--inspect=127.0.0.1:${webInspector}`]),
      ],
      { cwd: webDir, env: webEnv, logDir },
    );
    processes.push(web);
    await Promise.all([
      ...workers.map((worker, index) =>
        waitUntilServing(`http://127.0.0.1:${workerPorts[index]}/readyz`, worker, 120_000),
      ),
      waitUntilServing(`${webUrl}/api/healthz`, web, 180_000),
    ]);

    const inspectorPorts: Record<string, number> = {};
    if (webInspector !== undefined) inspectorPorts.web = webInspector;
    workers.forEach((worker, index) => {
      const inspector = workerInspectors[index];
      if (inspector !== undefined) inspectorPorts[worker.name] = inspector;
    });
    return {
      sandbox,
      redisPrefix,
      firestoreHost: firestore.host,
      authHost: auth.host,
      env,
      webUrl,
      cronSecret,
      web,
      workers,
      inspectorPorts,
      logDir,
      startup: { emulators, webBuild, processes: seconds(started) },
      stop,
    };
  } catch (error) {
    await stop();
    throw new Error(`the ${options.name} stack did not start (logs in ${logDir}): ${String(error)}`);
  }
}
