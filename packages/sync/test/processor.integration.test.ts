import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AdIntegration,
  AdIntegrationsRepository,
  AdMetricsRepository,
  addDays,
  IntegrationCredentialsRepository,
  localDateIn,
  type ProviderId,
  queueNames,
  SyncJobService,
  SyncJobsRepository,
  TokenVault,
} from '@cohorts/core';
import { clockStartingAt } from '@cohorts/core/clock';
import { type AdPlatformConnector, createConnectors, createLimiterRedis } from '@cohorts/providers';
import { type RunningSandbox, sandboxControl, startSandbox } from '@cohorts/sandbox';
import { redisUrl, testFirestore, uniqueId, uniqueRedisPrefix, waitFor } from '@cohorts/test-harness';
import { pinnedInstants } from '@cohorts/test-harness/instants';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSyncEngine } from '../src/engine';
import { type ProcessNextDeps, type ProcessNextResult, processNextSyncJob } from '../src/process-next';
import { LocalDirectoryPayloadStore } from '../src/raw-payload-store';
import { accountsToSync, accountWindows, syncWindowDays, windowDates, windowLength } from '../src/window';
import {
  expectedTotals,
  linkThroughSandbox,
  sandboxLogins,
  sandboxOAuthApps,
  sandboxOAuthEnv,
  storedTotals,
  testEncryptionKeys,
} from '../testing';

const db = testFirestore();
const keys = testEncryptionKeys();
const vault = new TokenVault(keys);
const jobsRepo = new SyncJobsRepository(db);
const integrationsRepo = new AdIntegrationsRepository(db);
const metricsRepo = new AdMetricsRepository(db);
const prefix = uniqueRedisPrefix('sync');
const redisAddress = new URL(redisUrl());
const connection = { host: redisAddress.hostname, port: Number(redisAddress.port || 6379) };

let sandbox: RunningSandbox;
let limiterRedis: Redis;
let connectors: Record<ProviderId, AdPlatformConnector>;
let queue: Queue;
let service: SyncJobService;
let rawDir: string;
let deps: ProcessNextDeps;

/**
 * One clock for the engine, the connectors and the sandbox: pinned to an ordinary noon UTC unless a
 * test moves it to another instant (`pinTo`), so no verdict depends on the hour the suite runs.
 */
const defaultInstant = '2026-11-18T12:00:00Z';
const clock = clockStartingAt(defaultInstant);

async function pinTo(at: string): Promise<void> {
  clock.restartAt(at);
  await sandboxControl(sandbox.url, 'clock', { json: { now: at } });
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, clockStartAt: defaultInstant });
  limiterRedis = createLimiterRedis(redisUrl());
  connectors = createConnectors({
    apps: sandboxOAuthApps(),
    sandboxUrl: sandbox.url,
    redis: limiterRedis,
    limiter: { keyPrefix: uniqueRedisPrefix('limiter') },
    http: { retryDelayMs: () => 5 },
    clock,
  });
  queue = new Queue(queueNames.sync, { connection, prefix });
  service = new SyncJobService({ db, syncQueue: queue, clock });
  rawDir = await mkdtemp(join(tmpdir(), 'raw-payloads-'));
  deps = {
    db,
    vault,
    connectors,
    rawPayloads: new LocalDirectoryPayloadStore(rawDir),
    workerId: 'test-worker',
    connection,
    prefix,
    clock,
  };
});

afterEach(async () => {
  clock.restartAt(defaultInstant);
  await sandboxControl(sandbox.url, 'clock', { json: { reset: true } });
});

afterAll(async () => {
  await queue?.obliterate({ force: true }).catch(() => undefined);
  await queue?.close();
  limiterRedis?.disconnect();
  await sandbox?.close();
  if (rawDir) await rm(rawDir, { recursive: true, force: true });
});

async function link(providerId: ProviderId, login: string): Promise<AdIntegration> {
  return linkThroughSandbox({
    db,
    vault,
    connector: connectors[providerId],
    userId: uniqueId('user'),
    login,
    now: clock.now(),
  });
}

async function enqueue(
  integration: AdIntegration,
  jobType: 'initial-backfill' | 'manual-sync' = 'initial-backfill',
) {
  const { job, inQueue } = await service.enqueue(
    integration.userId,
    integration.providerId,
    jobType,
    jobType === 'initial-backfill' ? 90 : 8,
  );
  expect(inQueue).toBe(true);
  return job;
}

/** Runs the next waiting job, waiting for one to become due (a retry's backoff) within the deadline. */
function processNext(timeoutMs = 15_000): Promise<Extract<ProcessNextResult, { processed: true }>> {
  return waitFor(
    async () => {
      const result = await processNextSyncJob(deps);
      return result.processed ? result : undefined;
    },
    { timeoutMs, what: 'a sync job to process' },
  );
}

async function storedDays(integration: AdIntegration) {
  const windows = accountWindows(integration.providerId, accountsToSync(integration), 90, clock.now());
  const start = windows.map((w) => w.start).sort()[0] ?? '';
  const end =
    windows
      .map((w) => w.end)
      .sort()
      .at(-1) ?? '';
  const rows = await metricsRepo.readRange(integration.userId, {
    from: start,
    to: end,
    providerIds: [integration.providerId],
  });
  return {
    windows,
    days: rows.flatMap((row) => {
      const day = row.providers[integration.providerId];
      return day ? [day] : [];
    }),
  };
}

async function expectedFor(integration: AdIntegration, windows: ReturnType<typeof accountWindows>) {
  return expectedTotals(
    sandbox.url,
    integration.providerId,
    windows.map((w) => ({ accountId: w.account.id, start: w.start, end: w.end })),
  );
}

describe('processNextSyncJob', () => {
  it('returns {processed: false} when nothing is waiting', async () => {
    const emptyPrefix = uniqueRedisPrefix('empty');
    expect(await processNextSyncJob({ ...deps, prefix: emptyPrefix })).toEqual({ processed: false });
  });

  it('backfills 90 days, with totals equal to the sandbox, progress, raw payloads and statuses', async () => {
    const integration = await link('facebook', sandboxLogins.ben);
    const job = await enqueue(integration);

    const result = await processNext();
    expect(result).toMatchObject({
      jobId: job.id,
      result: 'completed',
      outcome: { outcome: 'finished', status: 'success' },
    });

    const stored = await jobsRepo.get(integration.userId, job.id);
    expect(stored).toMatchObject({
      status: 'success',
      attempts: 1,
      errorMessage: null,
      claimedBy: 'test-worker',
    });
    expect(stored?.processedAt).toBeInstanceOf(Date);
    expect(stored?.progress).toEqual({ accountsDone: 1, accountsTotal: 1, daysDone: 90, daysTotal: 90 });
    const bullJob = await queue.getJob(job.id);
    expect(bullJob?.progress).toMatchObject({ daysDone: 90, daysTotal: 90, jobId: job.id });

    const after = await integrationsRepo.get(integration.userId, integration.providerId);
    expect(after).toMatchObject({
      lastSyncStatus: 'success',
      lastSyncMessage: '1 of 1 account synced',
      liveSyncJobId: null,
    });
    expect(after?.lastSyncedAt).toBeInstanceOf(Date);

    const { windows, days } = await storedDays(integration);
    expect(days).toHaveLength(90);
    expect(stored?.windowStart).toBe(windows[0]?.start);
    expect(stored?.windowEnd).toBe(windows[0]?.end);
    expect(storedTotals(days)).toEqual(await expectedFor(integration, windows));
    // An opaque key relative to the store's root: no server path reaches a client with the metrics.
    const ref = days[0]?.rawPayloadRef ?? '';
    expect(ref).toBe(`${integration.userId}/${integration.providerId}/${job.id}-1.json`);
    expect(days.every((day) => day.rawPayloadRef === ref)).toBe(true);
    const file = deps.rawPayloads.locate(ref);
    expect(file).toBe(join(rawDir, ref));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(expect.arrayContaining([expect.anything()]));
  });

  it('writes the other accounts and names the failed one in a partial failure', async () => {
    const integration = await link('linkedin', sandboxLogins.ada);
    const accounts = accountsToSync(integration);
    expect(accounts.length).toBeGreaterThan(1);
    const failing = accounts[0]?.id ?? '';
    const fault = await sandboxControl<{ id: string }>(sandbox.url, 'faults', {
      json: { kind: 'account-disabled', provider: 'linkedin', accountId: failing },
    });
    try {
      const job = await enqueue(integration);
      const result = await processNext();
      expect(result).toMatchObject({ result: 'completed', outcome: { status: 'success' } });
      const after = await integrationsRepo.get(integration.userId, 'linkedin');
      expect(after?.lastSyncStatus).toBe('success');
      expect(after?.lastSyncMessage).toContain(
        `${accounts.length - 1} of ${accounts.length} accounts synced; ${failing}: `,
      );
      expect((await jobsRepo.get(integration.userId, job.id))?.status).toBe('success');

      const { windows, days } = await storedDays(integration);
      const others = windows.filter((w) => w.account.id !== failing);
      expect(storedTotals(days)).toEqual(await expectedFor(integration, others));
    } finally {
      await sandboxControl(sandbox.url, `faults/${fault.id}`, { method: 'DELETE' });
    }
  });

  it("keeps a failed account's stored numbers when a later sync of the others rewrites those days", async () => {
    const integration = await link('linkedin', sandboxLogins.ada);
    await enqueue(integration);
    expect(await processNext()).toMatchObject({ result: 'completed', outcome: { status: 'success' } });
    const { windows } = await storedDays(integration);
    const everything = await expectedFor(integration, windows);
    expect(storedTotals((await storedDays(integration)).days)).toEqual(everything);

    const failing = accountsToSync(integration)[0]?.id ?? '';
    const fault = await sandboxControl<{ id: string }>(sandbox.url, 'faults', {
      json: { kind: 'account-disabled', provider: 'linkedin', accountId: failing },
    });
    try {
      await enqueue(integration, 'manual-sync');
      const result = await processNext();
      expect(result).toMatchObject({ result: 'completed', outcome: { status: 'success' } });
      expect((await integrationsRepo.get(integration.userId, 'linkedin'))?.lastSyncMessage).toContain(
        failing,
      );
      // The last 8 days were rewritten from the other accounts; the failed one's numbers stayed.
      expect(storedTotals((await storedDays(integration)).days)).toEqual(everything);
    } finally {
      await sandboxControl(sandbox.url, `faults/${fault.id}`, { method: 'DELETE' });
    }
  });

  it('refreshes an expired access token and stores the new one encrypted', async () => {
    const integration = await link('google', sandboxLogins.ben);
    const credentials = new IntegrationCredentialsRepository(db, vault);
    const before = await credentials.load(integration.userId, 'google');
    const fault = await sandboxControl<{ id: string }>(sandbox.url, 'faults', {
      json: {
        kind: 'expired-token',
        provider: 'google',
        accessToken: before?.accessToken,
        path: 'googleads',
      },
    });
    try {
      const job = await enqueue(integration);
      const result = await processNext();
      expect(result).toMatchObject({ result: 'completed', outcome: { status: 'success' } });
      const after = await credentials.load(integration.userId, 'google');
      expect(after?.accessToken).not.toBe(before?.accessToken);
      expect((await jobsRepo.get(integration.userId, job.id))?.status).toBe('success');
      expect((await storedDays(integration)).days).toHaveLength(90);
    } finally {
      await sandboxControl(sandbox.url, `faults/${fault.id}`, { method: 'DELETE' });
    }
  });

  it('ends in "reconnect needed" when the grant is revoked and a refresh cannot fix it', async () => {
    const integration = await link('google', sandboxLogins.ben);
    const tokens = await new IntegrationCredentialsRepository(db, vault).load(integration.userId, 'google');
    await sandboxControl(sandbox.url, 'grants/revoke', { json: { token: tokens?.accessToken } });
    const job = await enqueue(integration);

    const result = await processNext();
    expect(result).toMatchObject({ result: 'failed' });
    expect(result.result !== 'completed' && result.error).toContain('reconnect needed');
    const stored = await jobsRepo.get(integration.userId, job.id);
    expect(stored).toMatchObject({ status: 'error', attempts: 1 });
    expect(stored?.errorMessage).toContain('reconnect needed');
    const after = await integrationsRepo.get(integration.userId, 'google');
    expect(after).toMatchObject({ lastSyncStatus: 'error', reconnectRequired: true, liveSyncJobId: null });
    expect(await (await queue.getJob(job.id))?.getState()).toBe('failed');
  });

  it('parks a job on a daily-quota error until the reset, without spending an attempt', async () => {
    const integration = await link('google', sandboxLogins.ben);
    const fault = await sandboxControl<{ id: string }>(sandbox.url, 'faults', {
      json: { kind: 'daily-quota', provider: 'google', path: 'googleads' },
    });
    try {
      const job = await enqueue(integration);
      const startedAt = Date.now();
      const result = await processNext();
      expect(result).toMatchObject({ jobId: job.id, result: 'delayed' });
      const bullJob = await queue.getJob(job.id);
      expect(await bullJob?.getState()).toBe('delayed');
      expect(bullJob?.attemptsMade).toBe(0);
      // The sandbox's quota resets at UTC midnight, at least an hour away.
      expect((bullJob?.delay ?? 0) + (bullJob?.processedOn ?? startedAt)).toBeGreaterThanOrEqual(
        startedAt + 3_600_000 - 5_000,
      );
      const stored = await jobsRepo.get(integration.userId, job.id);
      expect(stored).toMatchObject({ status: 'queued', claimedBy: null });
    } finally {
      await sandboxControl(sandbox.url, `faults/${fault.id}`, { method: 'DELETE' });
    }
  });

  it('retries after a transient 5xx and then succeeds', async () => {
    const integration = await link('tiktok', sandboxLogins.ben);
    const tokens = await new IntegrationCredentialsRepository(db, vault).load(integration.userId, 'tiktok');
    // More 5xx answers than one request's own retries: the account fails, so the job retries.
    await sandboxControl(sandbox.url, 'faults', {
      json: {
        kind: 'server-error',
        provider: 'tiktok',
        accessToken: tokens?.accessToken,
        path: 'report',
        count: 6,
      },
    });
    const job = await enqueue(integration);

    const first = await processNext();
    expect(first).toMatchObject({ jobId: job.id, result: 'retrying' });
    expect((await jobsRepo.get(integration.userId, job.id))?.status).toBe('queued');

    const second = await processNext();
    expect(second).toMatchObject({ jobId: job.id, result: 'completed', outcome: { status: 'success' } });
    const stored = await jobsRepo.get(integration.userId, job.id);
    expect(stored).toMatchObject({ status: 'success', attempts: 2 });
    const { windows, days } = await storedDays(integration);
    expect(days).toHaveLength(90);
    expect(storedTotals(days)).toEqual(await expectedFor(integration, windows));
  });

  it('does nothing on a duplicate delivery of a finished job or of one running under a live lease', async () => {
    const integration = await link('facebook', sandboxLogins.ben);
    const job = await enqueue(integration);
    await processNext();
    const finished = await jobsRepo.get(integration.userId, job.id);

    const data = { userId: integration.userId, providerId: integration.providerId, jobId: job.id };
    await queue.add('sync', data, { jobId: `${job.id}-again` });
    const again = await processNext();
    expect(again).toMatchObject({ result: 'completed', outcome: { outcome: 'skipped', reason: 'finished' } });
    expect(await jobsRepo.get(integration.userId, job.id)).toEqual(finished);

    // A job another worker holds under a live lease: the delivery waits for the lease to lapse.
    const held = await enqueue(integration, 'manual-sync');
    await queue.remove(held.id);
    const claim = await jobsRepo.claim(integration.userId, held.id, {
      workerId: 'other',
      now: new Date(),
      leaseMs: 60_000,
    });
    expect(claim.claimed).toBe(true);
    await queue.add('sync', { ...data, jobId: held.id }, { jobId: `${held.id}-dup` });
    const duplicate = await processNext();
    expect(duplicate).toMatchObject({ result: 'delayed' });
    expect(await jobsRepo.get(integration.userId, held.id)).toMatchObject({
      status: 'running',
      claimedBy: 'other',
      attempts: 1,
    });
  });

  describe.each(pinnedInstants)('at $name ($at)', ({ at }) => {
    it("stores each account's own 90 local days, and a re-sync after a restatement overwrites them (no double count)", async () => {
      await pinTo(at);
      const integration = await link('google', sandboxLogins.ada);
      await enqueue(integration);
      await processNext(30_000);
      await sandboxControl(sandbox.url, 'restate', { json: {} });
      await enqueue(integration, 'manual-sync');
      const result = await processNext(30_000);
      expect(result).toMatchObject({ result: 'completed' });

      const after = await integrationsRepo.get(integration.userId, 'google');
      const { windows, days } = await storedDays(after ?? integration);
      expect(syncWindowDays({ jobType: 'initial-backfill', timeframeDays: 90 }, integration)).toBe(90);
      // The date rule: every account's own last 90 local days, ending yesterday in its time zone.
      // Accounts on different dates make the integration's documents span 91 dates at some hours.
      const dates = windowDates(windows);
      expect(days.map((day) => day.date)).toEqual(dates);
      const today = (timeZone: string) => localDateIn(timeZone, clock.now());
      for (const window of windows) {
        expect(window.end).toBe(addDays(today(window.account.timeZone), -1));
        expect(windowLength(window)).toBe(90);
      }
      // Google's closed account is skipped (CUSTOMER_NOT_ENABLED); the others must match exactly,
      // including the restated days of accounts whose "yesterday" differs from the others'.
      expect(after?.lastSyncStatus).toBe('success');
      expect(storedTotals(days)).toEqual(await expectedFor(integration, windows));
    });
  });

  it('runs the same way on an engine built from env (the web cron route composition)', async () => {
    const engine = await createSyncEngine(
      {
        ...sandboxOAuthEnv(),
        REDIS_URL: redisUrl(),
        REDIS_PREFIX: prefix,
        TOKEN_ENCRYPTION_KEYS: keys,
        ADS_SANDBOX_URL: sandbox.url,
        RAW_PAYLOAD_DIR: rawDir,
      },
      db,
      { workerId: 'cron', clock },
    );
    try {
      const integration = await link('tiktok', sandboxLogins.ben);
      const job = await enqueue(integration);
      const result = await processNextSyncJob(engine.deps);
      expect(result).toMatchObject({ jobId: job.id, result: 'completed', outcome: { status: 'success' } });
      expect(await jobsRepo.get(integration.userId, job.id)).toMatchObject({
        status: 'success',
        claimedBy: 'cron',
      });
      expect((await storedDays(integration)).days).toHaveLength(90);
    } finally {
      engine.close();
    }
  });
});
