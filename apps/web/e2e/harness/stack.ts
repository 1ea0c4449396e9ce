import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { providerIds, providerSlugFor } from '@cohorts/core/contract';
import { type RunningSandbox, sandboxControl, startSandbox } from '@cohorts/sandbox';
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

const webDir = fileURLToPath(new URL('../..', import.meta.url));
const workerDir = fileURLToPath(new URL('../../../worker', import.meta.url));
const e2eDir = fileURLToPath(new URL('..', import.meta.url));
/** Its own build folder, so the e2e server never collides with someone's `next dev` in the same checkout. */
const distDir = '.next-e2e';

/**
 * How the web app is served. `start` (a production build, `next build` then `next start`) is the
 * default: every page and route is compiled once up front, so a test never waits on on-demand
 * compilation. `dev` serves with `next dev` (no build step; first hits compile).
 */
export type WebMode = 'start' | 'dev';

/** What the tests get (through process.env, which Playwright passes from global setup to its workers). */
export interface StackInfo {
  baseUrl: string;
  sandboxUrl: string;
  /** The instant the sandbox's clock is frozen at: its "today" for every account all run long. */
  pinnedNow: string;
  projectId: string;
  redisPrefix: string;
  /** The run's own emulators, for a test that acts as an operator (e.g. grants the admin claim). */
  authEmulatorHost: string;
  firestoreEmulatorHost: string;
}

export interface RunningStack extends StackInfo {
  stop(): Promise<void>;
}

/**
 * Next rewrites `next-env.d.ts` to point at the build folder in use; put it back as it was, so an
 * e2e run leaves the checkout unchanged.
 */
function keepNextEnv(): () => void {
  const path = join(webDir, 'next-env.d.ts');
  const original = readFileSync(path, 'utf8');
  return () => {
    if (readFileSync(path, 'utf8') !== original) writeFileSync(path, original);
  };
}

/**
 * Starts everything a browser test needs, on free ports, isolated from anything else on the machine:
 * the Firestore and Auth emulators (or the ones the environment names) and a Redis check, the ad
 * platform sandbox with its clock frozen, a worker process, and the web app — with a Firestore
 * project and a Redis prefix of the run's own.
 */
export async function startStack(options: { mode: WebMode; build: boolean }): Promise<RunningStack> {
  const logDir = join(e2eDir, 'test-results', 'logs');
  const started: StackProcess[] = [];
  const services: RunningService[] = [];
  let sandbox: RunningSandbox | null = null;
  const restoreNextEnv = keepNextEnv();
  const redisPrefix = uniqueRedisPrefix('e2e');
  const stop = async () => {
    await Promise.all(started.map((process) => process.stop()));
    await sandbox?.close();
    await deleteRedisPrefix(redisPrefix);
    await Promise.all(services.map((service) => service.stop()));
    restoreNextEnv();
  };
  try {
    // Emulators of the run's own, never shared ones: the worker's scheduler and reconciler scan the
    // whole project, and the Auth emulator signs every browser sign-in for its one default project
    // (so the app's project must be that one).
    const [firestore, auth] = await Promise.all([
      startFirestoreEmulator(),
      startAuthEmulator(),
      assertRedisAnswers(redisUrl()),
    ]);
    services.push(firestore, auth);
    sandbox = await startSandbox({ port: 0 });
    const [webPort, workerPort] = await Promise.all([freePort(), freePort()]);
    const baseUrl = `http://127.0.0.1:${webPort}`;
    const projectId = testProjectId;
    const env = stackEnv({
      baseUrl,
      sandboxUrl: sandbox.url,
      projectId,
      redisPrefix,
      firestoreHost: firestore.host,
      authHost: auth.host,
    });

    const worker = spawnLogged('worker', process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: workerDir,
      env: { ...env, WORKER_HEALTH_PORT: String(workerPort), LOG_LEVEL: 'info' },
      logDir,
    });
    started.push(worker);

    const nextBin = join(webDir, 'node_modules', 'next', 'dist', 'bin', 'next');
    const webEnv = { ...env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: '1' };
    if (options.mode === 'start' && options.build) {
      // A production build (NODE_ENV=production while building); the server then runs with NODE_ENV=test
      // because the app refuses the Auth emulator in production.
      await runLogged('web-build', process.execPath, [nextBin, 'build'], {
        cwd: webDir,
        env: { ...webEnv, NODE_ENV: 'production' },
        logDir,
      });
      restoreNextEnv();
    }
    const web = spawnLogged(
      'web',
      process.execPath,
      [nextBin, options.mode, '--port', String(webPort), '--hostname', '127.0.0.1'],
      { cwd: webDir, env: webEnv, logDir },
    );
    started.push(web);

    await Promise.all([
      waitUntilServing(`http://127.0.0.1:${workerPort}/readyz`, worker, 60_000),
      waitUntilServing(`${baseUrl}/api/healthz`, web, 120_000),
    ]);
    // The first request compiles the page under `next dev`; do it here, not inside a test's deadline.
    await waitUntilServing(baseUrl, web, 180_000);
    restoreNextEnv();
    // From here on the sandbox's "today" stays put for every account, however long the run.
    const pinned = await sandboxControl<{ now: string }>(sandbox.url, 'clock', { json: { freeze: true } });
    return {
      baseUrl,
      sandboxUrl: sandbox.url,
      pinnedNow: pinned.now,
      projectId,
      redisPrefix,
      authEmulatorHost: auth.host,
      firestoreEmulatorHost: firestore.host,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The web app's and the worker's environment: the sandbox stands in for all four platforms. */
function stackEnv(input: {
  baseUrl: string;
  sandboxUrl: string;
  projectId: string;
  redisPrefix: string;
  firestoreHost: string;
  authHost: string;
}): Record<string, string> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const redirects = Object.fromEntries(
    providerIds.map((id) => [
      {
        google: 'GOOGLE_ADS_OAUTH_REDIRECT_URI',
        facebook: 'META_OAUTH_REDIRECT_URI',
        linkedin: 'LINKEDIN_OAUTH_REDIRECT_URI',
        tiktok: 'TIKTOK_OAUTH_REDIRECT_URI',
      }[id],
      `${input.baseUrl}/api/integrations/${providerSlugFor(id)}/oauth/callback`,
    ]),
  );
  return {
    ...inherited,
    ...sandboxOAuthEnv(),
    ...redirects,
    NODE_ENV: 'test',
    APP_BASE_URL: input.baseUrl,
    ADS_SANDBOX_URL: input.sandboxUrl,
    FIREBASE_PROJECT_ID: input.projectId,
    FIRESTORE_EMULATOR_HOST: input.firestoreHost,
    FIREBASE_AUTH_EMULATOR_HOST: input.authHost,
    GCLOUD_PROJECT: input.projectId,
    REDIS_URL: redisUrl(),
    REDIS_PREFIX: input.redisPrefix,
    TOKEN_ENCRYPTION_KEYS: testEncryptionKeys(),
    INTEGRATIONS_CRON_SECRET: `e2e-cron-${randomBytes(12).toString('hex')}`,
    // The journeys press "Run sync now" again once a sync ends: a cooldown of a second keeps that possible.
    MANUAL_SYNC_COOLDOWN_SECONDS: '1',
    METADATA_SERVER_DETECTION: 'none',
    RAW_PAYLOAD_DIR: join(e2eDir, 'test-results', 'raw-payloads'),
  };
}
