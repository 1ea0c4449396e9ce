import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { firestoreFor, providerIds, providerSlugFor } from '@cohorts/core';
import { type Clock, clockStartingAt } from '@cohorts/core/clock';
import { type RunningSandbox, startSandbox } from '@cohorts/sandbox';
import { sandboxOAuthEnv, testEncryptionKeys } from '@cohorts/sync/testing';
import {
  assertRedisAnswers,
  deleteRedisPrefix,
  freePort,
  type RunningService,
  redisUrl,
  runLogged,
  type StackProcess,
  spawnLogged,
  startAuthEmulator,
  startFirestoreEmulator,
  testProjectId,
  uniqueRedisPrefix,
  waitUntilServing,
} from '@cohorts/test-harness';
import type { Firestore } from 'firebase-admin/firestore';

const workerDir = fileURLToPath(new URL('..', import.meta.url));
const webDir = fileURLToPath(new URL('../../web', import.meta.url));
/** Its own build folder, so the soak's server never collides with `next dev` or the e2e build. */
const webDistDir = '.next-soak';

/**
 * How the web app is served: a production build (`next build` + `next start`, what runs in
 * production), or `next dev` (no build step; routes compile on their first request).
 */
export type WebMode = 'start' | 'dev';

export interface SoakStackOptions {
  web: WebMode;
  /** With `web: 'start'`: build first (false reuses the last `.next-soak` build). */
  build: boolean;
  /** Where every process's calendar starts (the sandbox's data is dated around it). */
  clockStartAt: string;
  workerConcurrency: number;
  /** The alert monitor's webhook (a receiver in the soak process). */
  alertWebhookUrl: string;
  /** Intervals of the reconciler and alert monitor in the operations replica. */
  reconcilerIntervalMs: number;
  alertCheckIntervalMs: number;
}

export interface SoakStack {
  db: Firestore;
  sandbox: RunningSandbox;
  /** This process's clock: at `clockStartAt` before the others started, running at real speed. */
  clock: Clock;
  redisPrefix: string;
  /** What the workers and the web app share: keys, secrets, addresses. */
  env: Record<string, string>;
  webUrl: string;
  cronSecret: string;
  web: StackProcess;
  workers: StackProcess[];
  /** Each process's inspector port on 127.0.0.1, by process name (the soak reads their heaps). */
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
 * Everything the soak runs against, isolated from the rest of the machine: its own Firestore and
 * Auth emulators (the scheduler and reconciler scan the whole project, and the Auth emulator signs
 * ID tokens for its one default project, which the web app must use), the sandbox in this process,
 * a Redis prefix of its own, the web app and two worker processes. The first worker also runs the
 * operations (reconciler, alert monitor, scheduler tick); the soak's own scheduler rounds move time.
 */
export async function startSoakStack(options: SoakStackOptions): Promise<SoakStack> {
  const logDir = await mkdtemp(join(tmpdir(), 'cohorts-soak-'));
  const services: RunningService[] = [];
  const processes: StackProcess[] = [];
  let sandbox: RunningSandbox | null = null;
  const redisPrefix = uniqueRedisPrefix('soak');
  const stop = async () => {
    await Promise.all(processes.map((process) => process.stop(40_000)));
    await sandbox?.close();
    await deleteRedisPrefix(redisPrefix);
    await Promise.all(services.map((service) => service.stop()));
  };
  // Made before any process starts: every other clock (sandbox, workers, web) starts later at the same
  // instant, so this one is never behind theirs and a round's offset is never eaten by the gap.
  const clock = clockStartingAt(options.clockStartAt);
  try {
    let started = performance.now();
    const [firestore, auth] = await Promise.all([
      startFirestoreEmulator(),
      startAuthEmulator(),
      assertRedisAnswers(redisUrl()),
    ]);
    services.push(firestore, auth);
    const emulators = seconds(started);
    // This process's firebase-admin (seeding, the scheduler) and createTestUser read these.
    process.env.FIRESTORE_EMULATOR_HOST = firestore.host;
    process.env.FIREBASE_AUTH_EMULATOR_HOST = auth.host;
    process.env.FIREBASE_PROJECT_ID = testProjectId;
    process.env.GCLOUD_PROJECT = testProjectId;
    process.env.METADATA_SERVER_DETECTION = 'none';

    sandbox = await startSandbox({ port: 0, clockStartAt: options.clockStartAt });
    const [webPort, ...workerPorts] = await Promise.all([freePort(), freePort(), freePort()]);
    const [webInspector, ...workerInspectors] = await Promise.all([freePort(), freePort(), freePort()]);
    const webUrl = `http://127.0.0.1:${webPort}`;
    const cronSecret = `soak-cron-${randomBytes(12).toString('hex')}`;
    const env = stackEnv({
      webUrl,
      sandboxUrl: sandbox.url,
      redisPrefix,
      firestoreHost: firestore.host,
      authHost: auth.host,
      cronSecret,
      clockStartAt: options.clockStartAt,
      rawPayloadDir: join(logDir, 'raw-payloads'),
    });

    let webBuild: number | null = null;
    const nextBin = join(webDir, 'node_modules', 'next', 'dist', 'bin', 'next');
    const webEnv = { ...env, NEXT_DIST_DIR: webDistDir, NEXT_TELEMETRY_DISABLED: '1' };
    if (options.web === 'start' && options.build) {
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
    const workerEnv = {
      ...env,
      LOG_LEVEL: 'warn',
      WORKER_CONCURRENCY: String(options.workerConcurrency),
      // The soak's scheduler rounds run the fan-out on an offset clock; this hourly tick is the real one.
      SCHEDULER_TICK_MS: '3600000',
      RECONCILER_INTERVAL_MS: String(options.reconcilerIntervalMs),
      ALERT_CHECK_INTERVAL_MS: String(options.alertCheckIntervalMs),
      SCHEDULER_ALERT_WEBHOOK_URL: options.alertWebhookUrl,
    };
    const workers = workerPorts.map((port, index) =>
      spawnLogged(
        `worker-${index + 1}`,
        process.execPath,
        [`--inspect=127.0.0.1:${workerInspectors[index]}`, '--import', 'tsx', 'src/main.ts'],
        {
          cwd: workerDir,
          env: {
            ...workerEnv,
            WORKER_HEALTH_PORT: String(port),
            WORKER_ROLES: index === 0 ? 'sync,operations' : 'sync',
          },
          logDir,
        },
      ),
    );
    processes.push(...workers);
    const web = spawnLogged(
      'web',
      process.execPath,
      // Next opens the inspector in the process that serves (`next dev` serves from a child).
      [
        nextBin,
        options.web,
        '--port',
        String(webPort),
        '--hostname',
        '127.0.0.1',
        `--inspect=127.0.0.1:${webInspector}`,
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

    return {
      db: firestoreFor(testProjectId),
      sandbox,
      clock,
      redisPrefix,
      env,
      webUrl,
      cronSecret,
      web,
      workers,
      inspectorPorts: Object.fromEntries([
        ['web', webInspector],
        ...workers.map((worker, index) => [worker.name, workerInspectors[index]]),
      ]),
      logDir,
      startup: { emulators, webBuild, processes: seconds(started) },
      async stop() {
        await stop();
        await rm(join(logDir, 'raw-payloads'), { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stop();
    throw new Error(`the soak stack did not start (logs in ${logDir}): ${String(error)}`);
  }
}

/** The web app's and the workers' environment: the sandbox stands in for all four platforms. */
function stackEnv(input: {
  webUrl: string;
  sandboxUrl: string;
  redisPrefix: string;
  firestoreHost: string;
  authHost: string;
  cronSecret: string;
  clockStartAt: string;
  rawPayloadDir: string;
}): Record<string, string> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const redirectVariables = {
    google: 'GOOGLE_ADS_OAUTH_REDIRECT_URI',
    facebook: 'META_OAUTH_REDIRECT_URI',
    linkedin: 'LINKEDIN_OAUTH_REDIRECT_URI',
    tiktok: 'TIKTOK_OAUTH_REDIRECT_URI',
  } as const;
  const redirects = Object.fromEntries(
    providerIds.map((id) => [
      redirectVariables[id],
      `${input.webUrl}/api/integrations/${providerSlugFor(id)}/oauth/callback`,
    ]),
  );
  return {
    ...inherited,
    ...sandboxOAuthEnv(),
    ...redirects,
    NODE_ENV: 'test',
    APP_BASE_URL: input.webUrl,
    ADS_SANDBOX_URL: input.sandboxUrl,
    FIREBASE_PROJECT_ID: testProjectId,
    GCLOUD_PROJECT: testProjectId,
    FIRESTORE_EMULATOR_HOST: input.firestoreHost,
    FIREBASE_AUTH_EMULATOR_HOST: input.authHost,
    REDIS_URL: redisUrl(),
    REDIS_PREFIX: input.redisPrefix,
    TOKEN_ENCRYPTION_KEYS: testEncryptionKeys(),
    INTEGRATIONS_CRON_SECRET: input.cronSecret,
    CLOCK_START_AT: input.clockStartAt,
    METADATA_SERVER_DETECTION: 'none',
    RAW_PAYLOAD_DIR: input.rawPayloadDir,
  };
}
