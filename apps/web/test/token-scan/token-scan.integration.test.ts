import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ProviderSlug, providerIdForSlug, providerSlugs, syncJobsCollectionPath } from '@cohorts/core';
import { driveConsent, type RunningSandbox, startSandbox } from '@cohorts/sandbox';
import {
  createTestUser,
  freePort,
  type StackProcess,
  spawnLogged,
  type TestUser,
  testFirestore,
  waitFor,
  waitUntilServing,
} from '@cohorts/test-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as callbackRoute from '../../src/app/api/integrations/[slug]/oauth/callback/route';
import * as startRoute from '../../src/app/api/integrations/[slug]/oauth/start/route';
import * as processRoute from '../../src/app/api/integrations/process/route';
import { closeServices } from '../../src/server/services';
import { startTestApp, type TestApp } from '../support/app';
import { locationOf, TestBrowser } from '../support/browser';
import { firestoreSnapshot } from '../support/firestore-snapshot';
import type { MountedRoute } from '../support/http-server';
import { resultSize, writeReliabilityResult } from '../support/reliability-results';
import { type Corpus, type ProcessLog, scanForTokens } from './scan';

/**
 * After a full run, no plaintext token is anywhere it could leak from: every Firestore document,
 * every raw payload file, every log line any process printed. Two users each link all four platforms
 * through the sandbox's consent pages and choose accounts; the first user's syncs run in this process
 * (the cron `process` route), the second's in two real worker processes (`apps/worker`, their stdout
 * and stderr kept in log files). Then every grant is revoked and a manual sync of each platform
 * fails, where errors get logged. The sandbox says which tokens it issued, so the scan looks for each
 * one verbatim, and for any `access_token` / `refresh_token` / `accessToken` / `refreshToken` /
 * `idToken` field holding a string.
 */
let app: TestApp;
let sandbox: RunningSandbox;
let inProcessUser: TestUser;
let workerUser: TestUser;
const rawPayloadDir = mkdtempSync(join(tmpdir(), 'cohorts-token-scan-'));
const workerLogDir = mkdtempSync(join(tmpdir(), 'cohorts-token-scan-workers-'));
const workerDir = fileURLToPath(new URL('../../../worker', import.meta.url));
const workers: StackProcess[] = [];
const logLines: string[] = [];
const restoreConsole: (() => void)[] = [];
const cronKey = process.env.INTEGRATIONS_CRON_SECRET ?? '';

type SlugRoute = (request: Request, context: { params: Promise<{ slug: string }> }) => Promise<Response>;
const withSlug = (route: SlugRoute, slug: string) => (request: Request) =>
  route(request, { params: Promise.resolve({ slug }) });

function routes(): MountedRoute[] {
  return [
    { path: '/api/integrations/process', module: processRoute },
    ...providerSlugs.flatMap((slug) => [
      { path: `/api/integrations/${slug}/oauth/start`, module: { GET: withSlug(startRoute.GET, slug) } },
      {
        path: `/api/integrations/${slug}/oauth/callback`,
        module: { GET: withSlug(callbackRoute.GET, slug) },
      },
    ]),
  ];
}

/** Keeps every line the code under test logs (and still prints it). */
function captureLogs(): void {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[method];
    console[method] = (...args: unknown[]) => {
      logLines.push(
        args
          .map((arg) =>
            arg instanceof Error
              ? `${arg.message}\n${arg.stack}`
              : typeof arg === 'string'
                ? arg
                : JSON.stringify(arg),
          )
          .join(' '),
      );
      original.apply(console, args);
    };
    restoreConsole.push(() => {
      console[method] = original;
    });
  }
}

/** Processes waiting sync jobs as the cron `process` route does, until nothing waits; returns how many. */
async function processAll(): Promise<number> {
  let processed = 0;
  for (let round = 0; round < 40; round += 1) {
    const response = await app.fetch('/api/integrations/process', {
      method: 'POST',
      headers: { 'x-cron-key': cronKey, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { processed: boolean };
    if (!body.processed) return processed;
    processed += 1;
  }
  return processed;
}

/**
 * Starts `count` worker processes as production runs them (`src/main.ts`), on this file's Redis
 * prefix, Firestore, sandbox and raw payload folder (all inherited from this process's environment),
 * logging at debug level so every line the sync path can print is printed. Sync role only: the
 * scheduler and reconciler would scan the emulator project other test files share.
 */
async function startWorkers(count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    const port = await freePort();
    const worker = spawnLogged(`worker-${i + 1}`, process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: workerDir,
      env: {
        WORKER_HEALTH_PORT: String(port),
        WORKER_ROLES: 'sync',
        LOG_LEVEL: 'debug',
        WORKER_CONCURRENCY: '2',
      },
      logDir: workerLogDir,
    });
    workers.push(worker);
    await waitUntilServing(`http://127.0.0.1:${port}/readyz`, worker, 120_000);
  }
}

/** Every line each worker printed, read after it stopped (SIGTERM: it drains and flushes first). */
async function stopWorkers(): Promise<ProcessLog[]> {
  await Promise.all(workers.map((worker) => worker.stop(30_000)));
  return workers.map((worker) => ({
    process: worker.name,
    lines: readFileSync(worker.logPath, 'utf8')
      .split('\n')
      .filter((line) => line.length > 0),
  }));
}

/** The user's sync jobs, once every one has ended and there are at least `count`. */
async function finishedJobs(user: TestUser, count: number) {
  return waitFor(
    async () => {
      const jobs = (await testFirestore().collection(syncJobsCollectionPath(user.uid)).get()).docs.map(
        (doc) => doc.data(),
      );
      const ended = jobs.every((job) => job.status === 'success' || job.status === 'error');
      return jobs.length >= count && ended ? jobs : undefined;
    },
    { timeoutMs: 300_000, intervalMs: 500, what: `${count} sync jobs of ${user.uid} to end` },
  );
}

/** Links all four platforms for `user` through the consent pages and chooses two accounts of each. */
async function linkAllPlatforms(user: TestUser): Promise<void> {
  const browser = new TestBrowser(app.url);
  await browser.signIn(user.idToken);
  const client = app.trpcAs(user.idToken);
  for (const slug of providerSlugs) {
    const start = await browser.get(`/api/integrations/${slug}/oauth/start`);
    const callbackUrl = await driveConsent(await locationOf(start), {
      login: 'ada@northwind-agency.example',
    });
    expect(await locationOf(await browser.get(callbackUrl.href))).toContain(`linked=${slug}`);
    const providerId = providerIdForSlug(slug);
    const { accounts } = await client.integrations.accounts.query({ providerId });
    const chosen = accounts
      .filter((account) => !account.isManager)
      .slice(0, 2)
      .map((account) => account.id);
    await client.integrations.selectAccounts.mutate({ providerId, accountIds: chosen });
  }
}

/**
 * Revokes at the platforms every grant not in `spared` (by one of its tokens: `list()` hands out
 * copies), then asks for a manual sync of each of `user`'s platforms, which then fails.
 */
async function revokeAndSyncAgain(user: TestUser, spared: ReadonlySet<string>): Promise<number> {
  let revoked = 0;
  for (const listed of sandbox.state.grants.list()) {
    const token = listed.accessTokens[0]?.token;
    const grant = token ? sandbox.state.grants.grantOfAnyToken(token) : undefined;
    if (!grant || spared.has(grant.id)) continue;
    sandbox.state.grants.revoke(grant, Date.now());
    revoked += 1;
  }
  const client = app.trpcAs(user.idToken);
  for (const slug of providerSlugs) {
    await client.integrations.manualSync.mutate({ providerId: providerIdForSlug(slug) });
  }
  return revoked;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

beforeAll(async () => {
  captureLogs();
  process.env.RAW_PAYLOAD_DIR = rawPayloadDir;
  sandbox = await startSandbox({ port: 0 });
  app = await startTestApp(routes());
  const callback = (slug: ProviderSlug) => `${app.url}/api/integrations/${slug}/oauth/callback`;
  Object.assign(process.env, {
    ADS_SANDBOX_URL: sandbox.url,
    GOOGLE_ADS_CLIENT_ID: 'token-scan-google',
    GOOGLE_ADS_CLIENT_SECRET: 'google-secret-DO-NOT-LEAK',
    GOOGLE_ADS_DEVELOPER_TOKEN: 'dev-token-DO-NOT-LEAK',
    GOOGLE_ADS_OAUTH_REDIRECT_URI: callback('google'),
    META_APP_ID: 'token-scan-facebook',
    META_APP_SECRET: 'meta-secret-DO-NOT-LEAK',
    META_OAUTH_REDIRECT_URI: callback('meta'),
    LINKEDIN_CLIENT_ID: 'token-scan-linkedin',
    LINKEDIN_CLIENT_SECRET: 'linkedin-secret-DO-NOT-LEAK',
    LINKEDIN_OAUTH_REDIRECT_URI: callback('linkedin'),
    TIKTOK_CLIENT_KEY: 'token-scan-tiktok',
    TIKTOK_CLIENT_SECRET: 'tiktok-secret-DO-NOT-LEAK',
    TIKTOK_OAUTH_REDIRECT_URI: callback('tiktok'),
    TIKTOK_OAUTH_SCOPES: 'ads.read',
  });
  [inProcessUser, workerUser] = await Promise.all([createTestUser(), createTestUser()]);
}, 120_000);

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop()));
  rmSync(workerLogDir, { recursive: true, force: true });
  await app?.close();
  await closeServices();
  await sandbox?.close();
  for (const restore of restoreConsole) restore();
  rmSync(rawPayloadDir, { recursive: true, force: true });
});

describe('no plaintext token after a full run', () => {
  it('the scan finds a token that is there (so a 0 means something)', () => {
    const token = 'ya29.sandbox-planted';
    const corpus: Corpus = {
      firestore: [
        { path: 'users/u/adIntegrations/google', text: JSON.stringify({ accessToken: null, note: token }) },
      ],
      rawPayloads: [{ path: 'p.json', text: JSON.stringify({ data: { refresh_token: 'r-1' } }) }],
      logs: [
        { process: 'test', lines: [`refreshing with ${token}`] },
        { process: 'worker-2', lines: ['{"level":30,"msg":"ok"}', `{"level":50,"err":"401 for ${token}"}`] },
      ],
    };
    expect(scanForTokens(corpus, [token]).map((f) => f.where)).toEqual([
      'firestore users/u/adIntegrations/google: token',
      'raw payload p.json: field refresh_token',
      'test log line 1: token',
      'worker-2 log line 2: token',
    ]);
  });

  it('links four platforms twice, syncs in this process and in worker processes, and leaves no token in Firestore, raw payloads or any log', async () => {
    // In this process: every backfill through the cron `process` route, until nothing waits.
    await linkAllPlatforms(inProcessUser);
    let processedInProcess = await processAll();
    expect(processedInProcess).toBeGreaterThanOrEqual(providerSlugs.length);
    // Then the unhappy path, where errors get logged: the grants revoked at the platforms, and a
    // manual sync of each platform fails for want of a working token.
    const revokedFirst = await revokeAndSyncAgain(inProcessUser, new Set());
    expect(revokedFirst).toBe(providerSlugs.length);
    processedInProcess += await processAll();
    const firstUsersJobs = await finishedJobs(inProcessUser, 2 * providerSlugs.length);

    // In worker processes: the second user's backfills and failing syncs, nothing run here.
    const spared = new Set(sandbox.state.grants.list().map((grant) => grant.id));
    await startWorkers(2);
    await linkAllPlatforms(workerUser);
    await finishedJobs(workerUser, providerSlugs.length);
    expect(await revokeAndSyncAgain(workerUser, spared)).toBe(providerSlugs.length);
    const secondUsersJobs = await finishedJobs(workerUser, 2 * providerSlugs.length);
    const workerLogs = await stopWorkers();
    const failedSyncs = [...firstUsersJobs, ...secondUsersJobs].filter(
      (job) => job.status === 'error',
    ).length;

    const issued = sandbox.state.grants.issuedTokens();
    expect(issued.length).toBeGreaterThanOrEqual(2 * providerSlugs.length);
    const documents = await firestoreSnapshot(testFirestore());
    const corpus: Corpus = {
      firestore: [...documents].map(([path, text]) => ({ path, text })),
      rawPayloads: filesUnder(rawPayloadDir).map((path) => ({ path, text: readFileSync(path, 'utf8') })),
      logs: [{ process: 'test', lines: [...logLines] }, ...workerLogs],
    };
    const users = [inProcessUser, workerUser].map((user) => `users/${user.uid}/`);
    const found = scanForTokens(corpus, issued, users);
    const userDocuments = corpus.firestore.filter((d) =>
      users.some((scope) => d.path.startsWith(scope)),
    ).length;
    const workerLines = workerLogs.reduce((sum, log) => sum + log.lines.length, 0);

    const size = resultSize();
    writeReliabilityResult('token-scan', size, size === 'full' ? 'pnpm test:token-scan' : 'pnpm test', [
      { name: 'tokens the sandbox issued', value: issued.length, target: '> 0', pass: issued.length > 0 },
      {
        name: 'sync jobs run in this process (cron route) / in worker processes',
        value: `${processedInProcess} / ${secondUsersJobs.length}`,
        target: `>= ${2 * providerSlugs.length} each`,
        pass:
          processedInProcess >= 2 * providerSlugs.length &&
          secondUsersJobs.length >= 2 * providerSlugs.length,
      },
      {
        name: 'syncs that failed on a revoked grant (the error path)',
        value: failedSyncs,
        target: `${2 * providerSlugs.length}`,
        pass: failedSyncs === 2 * providerSlugs.length,
      },
      {
        name: 'Firestore documents scanned',
        value: corpus.firestore.length,
        target: '> 0',
        pass: userDocuments > 0,
      },
      {
        name: 'raw payload files scanned',
        value: corpus.rawPayloads.length,
        target: '> 0',
        pass: corpus.rawPayloads.length > 0,
      },
      { name: 'log lines scanned (this process)', value: logLines.length, target: '-', pass: true },
      {
        name: `log lines scanned (${workerLogs.length} worker processes, stdout + stderr)`,
        value: workerLines,
        target: '> 0',
        pass: workerLines > 0,
      },
      { name: 'plaintext tokens found', value: found.length, target: '0', pass: found.length === 0 },
    ]);
    expect(userDocuments).toBeGreaterThan(0);
    expect(corpus.rawPayloads.length).toBeGreaterThan(0);
    expect(workerLines).toBeGreaterThan(0);
    expect(failedSyncs).toBe(2 * providerSlugs.length);
    expect(found).toEqual([]);
  }, 600_000);
});
