/**
 * `pnpm test:chaos [--size=ci|full]`: two worker processes sync users × 4 platforms on the sandbox
 * while the run SIGKILLs workers holding running jobs (replacing each at once), restarts and
 * FLUSHALLs its private Redis, makes the sandbox answer with bursts of 429, 5xx, timeouts and
 * malformed bodies, and expires and revokes tokens mid-backfill. Then the faults stop and it checks:
 * every job ends `success` (the revoked integration's jobs end "reconnect needed", counted apart),
 * none is lost, every stored day equals the sandbox's own totals, Firestore and BullMQ agree after
 * one reconcile interval, and no credential saw more than 10 requests in any sliding second.
 * Writes reliability/results/chaos-<size>.json; exits 1 when a row fails.
 */
import { fileURLToPath } from 'node:url';
import {
  type AdIntegration,
  AdIntegrationsRepository,
  AdMetricsRepository,
  IntegrationCredentialsRepository,
  providerIds,
  SyncJobService,
  SyncJobsRepository,
} from '@cohorts/core';
import { type MeterEntry, sandboxControl } from '@cohorts/sandbox';
import { accountsToSync, accountWindows, windowDates } from '@cohorts/sync';
import { expectedTotals, sandboxLogins, storedTotals } from '@cohorts/sync/testing';
import { freePort, uniqueId, waitFor } from '@cohorts/test-harness';
import { type ReliabilityRow, writeReliabilityResult } from '@cohorts/test-harness/reliability';
import { type E2eEnvironment, startE2eEnvironment } from '../test/support/e2e-environment';
import { isReady, spawnWorker, type WorkerProcess } from '../test/support/worker-process';
import { startPrivateRedis } from './private-redis';

const size = process.argv.includes('--size=full') ? 'full' : 'ci';
const plan =
  size === 'full'
    ? { users: 3, kills: 110, backfillDays: 90, manualDays: 30, drainMs: 300_000 }
    : { users: 2, kills: 8, backfillDays: 30, manualDays: 14, drainMs: 150_000 };
const reconcileIntervalMs = 4_000;
const workerTiming = {
  WORKER_LOCK_DURATION_MS: '2000',
  WORKER_STALLED_INTERVAL_MS: '500',
  SYNC_LEASE_MS: '5000',
  PROVIDER_REQUEST_TIMEOUT_MS: '2000',
  RECONCILER_INTERVAL_MS: String(reconcileIntervalMs),
  RECONCILER_GRACE_MS: '3000',
  SCHEDULER_TICK_MS: '3600000',
  ALERT_CHECK_INTERVAL_MS: '3600000',
  WORKER_CONCURRENCY: '4',
  LOG_LEVEL: 'warn',
};
const log = (message: string) =>
  console.log(`[chaos ${size} ${new Date().toISOString().slice(11, 23)}] ${message}`);
const random = (min: number, max: number) => min + Math.random() * (max - min);

const redis = await startPrivateRedis();
// The sandbox behind its arrival-stamping edge (see `startSandboxProcess`): the limiter row is judged by its meter.
const e2e: E2eEnvironment = await startE2eEnvironment('chaos', '2026-11-18T12:00:00Z', {
  redisUrl: redis.url,
  sandboxInOwnProcess: true,
});
const jobsRepo = new SyncJobsRepository(e2e.db);
const integrationsRepo = new AdIntegrationsRepository(e2e.db);
const metricsRepo = new AdMetricsRepository(e2e.db);
const credentials = new IntegrationCredentialsRepository(e2e.db, e2e.vault);
const service = new SyncJobService({ db: e2e.db, syncQueue: e2e.queue, clock: e2e.clock });
e2e.queue.on('error', () => {}); // Redis restarts are part of the run

const workers: WorkerProcess[] = [];
const faultsInjected = { kills: 0, redisRestarts: 0, flushAlls: 0, bursts: 0, expired: 0, revoked: 0 };

/** Each worker's clock starts at the run's current instant, so all processes share one time line. */
async function startWorker(): Promise<WorkerProcess> {
  const worker = spawnWorker(
    { ...e2e.workerEnv, ...workerTiming, CLOCK_START_AT: e2e.clock.now().toISOString() },
    await freePort(),
  );
  workers.push(worker);
  return worker;
}

const liveWorkers = () => workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null);

async function main(): Promise<ReliabilityRow[]> {
  await startWorker();
  await startWorker();
  await waitFor(async () => (await Promise.all(liveWorkers().map(isReady))).every(Boolean), {
    timeoutMs: 90_000,
    what: 'both worker processes to be ready',
  });

  const logins = [sandboxLogins.ada, sandboxLogins.ben, sandboxLogins.ada];
  const integrations: AdIntegration[] = [];
  for (let u = 0; u < plan.users; u++) {
    const userId = uniqueId('chaos-user');
    for (const providerId of providerIds) {
      integrations.push(await e2e.link(userId, providerId, logins[u % logins.length]));
    }
  }
  await sandboxControl(e2e.sandbox.url, 'meter', { method: 'DELETE' });
  const jobs: { userId: string; id: string; providerId: string }[] = [];
  for (const integration of integrations) {
    const { job } = await service.enqueue(
      integration.userId,
      integration.providerId,
      'initial-backfill',
      plan.backfillDays,
    );
    jobs.push(job);
  }
  log(`${integrations.length} integrations linked, backfills queued`);

  // Slow answers keep syncs running long enough to be killed in the middle.
  await sandboxControl(e2e.sandbox.url, 'faults', { json: { kind: 'slow', delayMs: 150 } });

  const revokedTarget = integrations.find((i) => i.providerId === 'tiktok');
  const expiredTarget = integrations.find((i) => i.providerId === 'google');
  const bursts = [
    { kind: 'rate-limit', retryAfterSeconds: 1, count: 4 },
    { kind: 'server-error', status: 503, count: 4 },
    { kind: 'timeout', count: 2 },
    { kind: 'malformed', shape: 'invalid-json', count: 3 },
    { kind: 'malformed', shape: 'wrong-shape', count: 3 },
  ];
  const startedAt = Date.now();
  let lastKillAt = startedAt;
  const stallLimitMs = 120_000;
  let step = 0;
  let revokedGrantSyncAsked = false;
  while (faultsInjected.kills < plan.kills) {
    step++;
    await new Promise((resolve) => setTimeout(resolve, random(1_200, 2_500)));
    // A worker that exits by itself (not killed by this run) is a failure of the run, not a fault.
    const crashed = workers.find((w) => w.child.exitCode !== null && w.child.signalCode === null);
    if (crashed) throw new Error(`worker ${crashed.pid} exited by itself: ${crashed.output().slice(-1500)}`);
    if (Date.now() - lastKillAt > stallLimitMs) {
      throw new Error(
        `no worker held a running job for ${stallLimitMs / 1000} s (${faultsInjected.kills} kills)`,
      );
    }
    while (liveWorkers().length < 2) await startWorker();
    const progress = faultsInjected.kills / plan.kills;
    if (faultsInjected.redisRestarts === 0 && progress >= 0.3) {
      log('restarting Redis (empty)');
      await redis.restart();
      faultsInjected.redisRestarts++;
      continue;
    }
    if (faultsInjected.flushAlls === 0 && progress >= 0.6) {
      log('FLUSHALL');
      await redis.flushAll();
      faultsInjected.flushAlls++;
      continue;
    }
    if (faultsInjected.revoked === 0 && revokedTarget && progress >= 0.15) {
      const tokens = await credentials.load(revokedTarget.userId, revokedTarget.providerId);
      if (tokens) {
        await sandboxControl(e2e.sandbox.url, 'grants/revoke', { json: { token: tokens.accessToken } });
        faultsInjected.revoked++;
        log(`revoked the ${revokedTarget.providerId} grant of ${revokedTarget.userId}`);
      }
    }
    if (faultsInjected.expired === 0 && expiredTarget && progress >= 0.1) {
      const tokens = await credentials.load(expiredTarget.userId, expiredTarget.providerId);
      if (tokens) {
        await sandboxControl(e2e.sandbox.url, 'faults', {
          json: { kind: 'expired-token', accessToken: tokens.accessToken, count: 1 },
        });
        faultsInjected.expired++;
      }
    }
    {
      const burst = bursts[faultsInjected.bursts % bursts.length];
      await sandboxControl(e2e.sandbox.url, 'faults', {
        json: { ...burst, provider: providerIds[faultsInjected.bursts % providerIds.length] },
      });
      faultsInjected.bursts++;
    }

    // Kill a worker that holds a running job, and replace it at once.
    const running = (await jobsRepo.pageByStatus('running', { limit: 200, cursor: null })).items;
    const holders = new Set(running.map((job) => job.claimedBy?.split(':').at(-1)));
    const victim = liveWorkers().find((w) => holders.has(String(w.pid)));
    if (victim) {
      victim.child.kill('SIGKILL');
      await victim.exited;
      faultsInjected.kills++;
      lastKillAt = Date.now();
      await startWorker();
    }
    // Keep work flowing: every integration without a live job gets a manual sync (a Redis that is
    // down leaves the job queued in Firestore, and the reconciler adds it).
    for (const integration of integrations) {
      const revokedGrant = integration === revokedTarget && faultsInjected.revoked > 0;
      if (revokedGrant && revokedGrantSyncAsked) continue;
      const current = await integrationsRepo.get(integration.userId, integration.providerId);
      if (current?.liveSyncJobId) continue;
      // The revoked grant gets one more sync once nothing is live for it: on a fast machine its
      // backfill may have finished before the revocation, and some job must meet the revoked token.
      if (revokedGrant) revokedGrantSyncAsked = true;
      try {
        const { job, created } = await service.enqueue(
          integration.userId,
          integration.providerId,
          'manual-sync',
          plan.manualDays,
        );
        if (created) jobs.push(job);
      } catch (error) {
        log(`enqueue failed (${error instanceof Error ? error.message : String(error)})`);
      }
    }
    if (step % 10 === 0) log(`${faultsInjected.kills} kills, ${jobs.length} jobs so far`);
  }
  const stormMs = Date.now() - startedAt;
  log(`faults stop after ${Math.round(stormMs / 1000)} s; draining`);
  await sandboxControl(e2e.sandbox.url, 'faults', { method: 'DELETE' });
  while (liveWorkers().length < 2) await startWorker();

  const finished = await waitFor(
    async () => {
      const records = await Promise.all(jobs.map((job) => jobsRepo.get(job.userId, job.id)));
      return records.every((r) => r?.status === 'success' || r?.status === 'error') ? records : undefined;
    },
    { timeoutMs: plan.drainMs, intervalMs: 1_000, what: 'every job to finish after the faults stopped' },
  ).catch(async () => Promise.all(jobs.map((job) => jobsRepo.get(job.userId, job.id))));

  const revokedKey = revokedTarget ? `${revokedTarget.userId}/${revokedTarget.providerId}` : '';
  const isRevoked = (r: { userId: string; providerId: string }) =>
    `${r.userId}/${r.providerId}` === revokedKey;
  const lost = finished.filter((r) => !r || r.status === 'queued' || r.status === 'running').length;
  const succeeded = finished.filter((r) => r?.status === 'success').length;
  const reauth = finished.filter((r) => r?.status === 'error' && isRevoked(r)).length;
  const failed = finished.filter((r) => r?.status === 'error' && !isRevoked(r));
  for (const r of failed.slice(0, 5)) log(`ended error: ${r?.providerId} ${r?.errorMessage}`);
  const revokedIntegration = revokedTarget
    ? await integrationsRepo.get(revokedTarget.userId, revokedTarget.providerId)
    : null;

  // Firestore and BullMQ agree once a reconcile interval has passed.
  await new Promise((resolve) => setTimeout(resolve, reconcileIntervalMs + 1_000));
  let disagreements = 0;
  for (const record of finished) {
    if (!record) continue;
    const bull = await e2e.queue.getJob(record.id);
    const state = bull ? await bull.getState() : 'gone';
    const bullFinished =
      state === 'completed' || state === 'failed' || state === 'gone' || state === 'unknown';
    const firestoreFinished = record.status === 'success' || record.status === 'error';
    if (bullFinished !== firestoreFinished) {
      disagreements++;
      log(`job ${record.id}: Firestore ${record.status}, BullMQ ${state}`);
    }
  }

  // No double count: every integration's stored days equal the sandbox's own totals.
  let doubleCounted = 0;
  for (const integration of integrations) {
    if (isRevoked(integration)) continue;
    const after = await integrationsRepo.get(integration.userId, integration.providerId);
    const failedAccounts = new Set(
      [...(after?.lastSyncMessage ?? '').matchAll(/; (\S+):/g)].map((m) => m[1]),
    );
    const windows = accountWindows(
      integration.providerId,
      accountsToSync(integration),
      plan.backfillDays,
      e2e.clock.now(),
    ).filter((w) => !failedAccounts.has(w.account.id));
    const dates = windowDates(windows);
    const rows = await metricsRepo.readRange(integration.userId, {
      from: dates[0] ?? '',
      to: dates.at(-1) ?? '',
      providerIds: [integration.providerId],
    });
    const days = rows.flatMap((row) => {
      const day = row.providers[integration.providerId];
      return day ? [day] : [];
    });
    const stored = storedTotals(days);
    const expected = await expectedTotals(
      e2e.sandbox.url,
      integration.providerId,
      windows.map((w) => ({ accountId: w.account.id, start: w.start, end: w.end })),
    );
    if (canonical(stored) !== canonical(expected)) {
      doubleCounted++;
      log(
        `${integration.providerId} of ${integration.userId}: stored ${JSON.stringify(stored, bigints)} expected ${JSON.stringify(expected, bigints)}`,
      );
    }
  }

  const { credentials: meter } = await sandboxControl<{ credentials: MeterEntry[] }>(
    e2e.sandbox.url,
    'meter',
  );
  const slidingViolations = meter.filter((c) => c.maxPerSlidingSecond > 10).length;
  for (const c of meter.filter((entry) => entry.maxPerSlidingSecond > 10)) {
    const first = c.busiestWindow[0] ?? 0;
    const offsets = c.busiestWindow.map((at) => at - first).join(', ');
    log(
      `${c.provider} credential: ${c.maxPerSlidingSecond} in a sliding second from ` +
        `${new Date(first).toISOString().slice(11, 23)} (sandbox clock), ms from the first: ${offsets}`,
    );
  }
  const worstSliding = Math.max(0, ...meter.map((c) => c.maxPerSlidingSecond));

  return [
    {
      name: 'worker SIGKILLs (each holding a running job)',
      value: faultsInjected.kills,
      target: `≥ ${plan.kills}`,
      pass: faultsInjected.kills >= plan.kills,
    },
    {
      name: 'Redis restarts (empty) + FLUSHALLs',
      value: faultsInjected.redisRestarts + faultsInjected.flushAlls,
      target: '≥ 2',
      pass: faultsInjected.redisRestarts + faultsInjected.flushAlls >= 2,
    },
    {
      name: 'sandbox fault bursts (429, 5xx, timeouts, malformed)',
      value: faultsInjected.bursts,
      target: '≥ 5',
      pass: faultsInjected.bursts >= 5,
    },
    {
      name: 'tokens expired / revoked mid-run',
      value: `${faultsInjected.expired} / ${faultsInjected.revoked}`,
      target: '1 / 1',
      pass: faultsInjected.expired === 1 && faultsInjected.revoked === 1,
    },
    {
      name: 'jobs run',
      value: jobs.length,
      target: `≥ ${integrations.length}`,
      pass: jobs.length >= integrations.length,
    },
    {
      name: 'jobs ended success',
      value: succeeded,
      target: `${jobs.length - reauth} (all but the revoked grant's)`,
      pass: succeeded === jobs.length - reauth,
    },
    {
      name: "jobs of the revoked grant ended 'reconnect needed'",
      value: reauth,
      target: 'all of them, integration reconnectRequired',
      pass: revokedIntegration?.reconnectRequired === true,
    },
    { name: 'jobs ended error otherwise', value: failed.length, target: '0', pass: failed.length === 0 },
    { name: 'jobs lost (still queued/running after the drain)', value: lost, target: '0', pass: lost === 0 },
    {
      name: 'integrations whose stored days differ from the sandbox totals',
      value: doubleCounted,
      target: '0',
      pass: doubleCounted === 0,
    },
    {
      name: 'jobs where Firestore and BullMQ disagree after one reconcile interval',
      value: disagreements,
      target: '0',
      pass: disagreements === 0,
    },
    {
      name: 'credentials above 10 requests in a sliding second',
      value: slidingViolations,
      target: `0 (worst ${worstSliding})`,
      pass: slidingViolations === 0,
    },
    { name: 'fault phase, seconds', value: Math.round(stormMs / 1000), target: 'report', pass: true },
  ];
}

function bigints(_key: string, value: unknown) {
  return typeof value === 'bigint' ? value.toString() : value;
}

/** Totals as JSON with the currencies in one order, so equal totals compare equal. */
function canonical(totals: Awaited<ReturnType<typeof expectedTotals>>): string {
  const spend = Object.entries(totals.spendMicros).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify({ ...totals, spendMicros: spend }, bigints);
}

let exitCode = 1;
try {
  const rows = await main();
  const resultsDir = fileURLToPath(new URL('../../../reliability/results/', import.meta.url));
  const path = writeReliabilityResult(resultsDir, {
    suite: 'chaos',
    size,
    // The report's own timestamp: when the run ended, on the machine's clock.
    generatedAt: new Date().toISOString(),
    command: `pnpm test:chaos --size=${size}`,
    rows,
  });
  for (const row of rows)
    log(`${row.pass ? 'ok  ' : 'FAIL'} ${row.name}: ${row.value} (target ${row.target})`);
  log(`wrote ${path}`);
  exitCode = rows.every((row) => row.pass) ? 0 : 1;
} catch (error) {
  console.error(error);
  for (const worker of workers.slice(-2)) console.error(worker.output().slice(-2000));
} finally {
  for (const worker of liveWorkers()) worker.child.kill('SIGKILL');
  await e2e.close().catch(() => undefined);
  await redis.stop();
}
process.exit(exitCode);
