import {
  type AdIntegration,
  AdIntegrationsRepository,
  AdMetricsRepository,
  daysBetween,
  providerIds,
  SyncJobService,
  SyncJobsRepository,
} from '@cohorts/core';
import { METER_LIMIT_PER_SECOND, sandboxControl } from '@cohorts/sandbox';
import { accountsToSync, accountWindows, windowDates } from '@cohorts/sync';
import { expectedTotals, sandboxLogins, storedTotals } from '@cohorts/sync/testing';
import { freePort, uniqueId, waitFor } from '@cohorts/test-harness';
import { type PinnedInstant, pinnedInstants } from '@cohorts/test-harness/instants';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eEnvironment, startE2eEnvironment } from './support/e2e-environment';
import { isReady, spawnWorker, type WorkerProcess } from './support/worker-process';

let e2e: E2eEnvironment;
let db: E2eEnvironment['db'];
let sandbox: E2eEnvironment['sandbox'];
let queue: E2eEnvironment['queue'];
let jobsRepo: SyncJobsRepository;
let metricsRepo: AdMetricsRepository;
let integrationsRepo: AdIntegrationsRepository;
let service: SyncJobService;
const workers: WorkerProcess[] = [];

interface MeterEntry {
  credential: string;
  maxPerCalendarSecond: number;
  secondsAbove10: { second: number; count: number }[];
}

/** The sandbox, two worker processes and this process, all on a clock started at `at`. */
function useTwoWorkers(at: string): void {
  beforeAll(async () => {
    e2e = await startE2eEnvironment('e2e', at);
    ({ db, sandbox, queue } = e2e);
    jobsRepo = new SyncJobsRepository(db);
    metricsRepo = new AdMetricsRepository(db);
    integrationsRepo = new AdIntegrationsRepository(db);
    service = new SyncJobService({ db, syncQueue: queue, clock: e2e.clock });
    const env = { ...e2e.workerEnv, WORKER_CONCURRENCY: '3' };
    workers.length = 0;
    for (let i = 0; i < 2; i++) workers.push(spawnWorker(env, await freePort()));
    await waitFor(async () => (await Promise.all(workers.map(isReady))).every(Boolean), {
      timeoutMs: 60_000,
      what: 'both worker processes to be ready',
    });
  }, 90_000);

  afterAll(async () => {
    for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
    await e2e?.close();
  });
}

function windowsOf(integration: AdIntegration) {
  return accountWindows(integration.providerId, accountsToSync(integration), 90, e2e.clock.now());
}

async function storedDaysOf(integration: AdIntegration) {
  const dates = windowDates(windowsOf(integration));
  const rows = await metricsRepo.readRange(integration.userId, {
    from: dates[0] ?? '',
    to: dates.at(-1) ?? '',
    providerIds: [integration.providerId],
  });
  return {
    dates,
    days: rows.flatMap((row) => {
      const day = row.providers[integration.providerId];
      return day ? [day] : [];
    }),
  };
}

/** The accounts whose numbers must be stored: all but one named as failed in `lastSyncMessage`. */
async function expectedOf(integration: AdIntegration) {
  const after = await integrationsRepo.get(integration.userId, integration.providerId);
  const failed = new Set([...(after?.lastSyncMessage ?? '').matchAll(/; (\S+):/g)].map((m) => m[1]));
  const windows = windowsOf(integration).filter((w) => !failed.has(w.account.id));
  return expectedTotals(
    sandbox.url,
    integration.providerId,
    windows.map((w) => ({ accountId: w.account.id, start: w.start, end: w.end })),
  );
}

/**
 * The backfill runs at the two instants where accounts straddle dates (Sydney and Tokyo a day ahead
 * at 23:30 UTC; the Americas a day behind at 00:30 UTC); the crash tests at the first. The sync
 * engine's own suite covers the same date rule at every pinned instant (DST changes, New Year's
 * Eve, where LinkedIn's API version did not exist yet) in a fraction of the time.
 */
const instant = (name: PinnedInstant['name']) => pinnedInstants.find((i) => i.name === name)?.at ?? '';
const runs = [
  { name: '23:30 UTC', at: instant('23:30 UTC'), crashTests: true },
  { name: '00:30 UTC', at: instant('00:30 UTC'), crashTests: false },
];

describe.each(runs)('two worker processes against the sandbox at $name ($at)', ({ at, crashTests }) => {
  useTwoWorkers(at);

  it("backfills 3 users x 4 providers: every job succeeds once, each account's own 90 days, no rate-limit violation", async () => {
    const users = [sandboxLogins.ada, sandboxLogins.ben, sandboxLogins.ada].map((login) => ({
      userId: uniqueId('e2e-user'),
      login,
    }));
    const integrations = await Promise.all(
      users.flatMap(({ userId, login }) =>
        providerIds.map((providerId) => e2e.link(userId, providerId, login)),
      ),
    );
    await sandboxControl(sandbox.url, 'meter', { method: 'DELETE' });
    const jobs = await Promise.all(
      integrations.map(async (integration) => {
        const { job, inQueue } = await service.enqueue(
          integration.userId,
          integration.providerId,
          'initial-backfill',
          90,
        );
        expect(inQueue).toBe(true);
        return { integration, job };
      }),
    );

    const finished = await waitFor(
      async () => {
        const records = await Promise.all(jobs.map(({ job }) => jobsRepo.get(job.userId, job.id)));
        return records.every((r) => r?.status === 'success' || r?.status === 'error') ? records : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 500, what: 'all 12 backfills to finish' },
    );
    expect(finished.map((r) => [r?.providerId, r?.status, r?.errorMessage])).toEqual(
      jobs.map(({ job }) => [job.providerId, 'success', null]),
    );
    // Zero duplicate claims: each job was claimed exactly once.
    expect(finished.map((r) => r?.attempts)).toEqual(jobs.map(() => 1));
    // Both processes did work.
    expect(new Set(finished.map((r) => r?.claimedBy)).size).toBe(2);

    for (const { integration } of jobs) {
      const { dates, days } = await storedDaysOf(integration);
      // The date rule: each account's own last 90 local days; accounts on different dates make the
      // integration span one more date per day of difference between their yesterdays.
      const ends = windowsOf(integration)
        .map((w) => w.end)
        .sort();
      expect(dates).toHaveLength(90 + daysBetween(ends[0] ?? '', ends.at(-1) ?? ''));
      expect(
        days.map((day) => day.date),
        `${integration.providerId} day docs of ${integration.userId}`,
      ).toEqual(dates);
      expect(storedTotals(days)).toEqual(await expectedOf(integration));
    }

    const { credentials } = await sandboxControl<{ credentials: MeterEntry[] }>(sandbox.url, 'meter');
    expect(credentials.length).toBeGreaterThanOrEqual(12);
    for (const entry of credentials) {
      expect(entry.secondsAbove10, entry.credential).toEqual([]);
      expect(entry.maxPerCalendarSecond).toBeLessThanOrEqual(METER_LIMIT_PER_SECOND);
    }
  }, 180_000);

  if (!crashTests) return;

  it('recovers a job from a SIGKILLed worker on the other process, with correct metrics', async () => {
    const integration = await e2e.link(uniqueId('e2e-kill'), 'tiktok');
    // Slow answers keep the sync running long enough to kill it mid-way.
    const slow = await sandboxControl<{ id: string }>(sandbox.url, 'faults', {
      json: { kind: 'slow', provider: 'tiktok', path: 'report', delayMs: 700 },
    });
    const { job } = await service.enqueue(integration.userId, 'tiktok', 'initial-backfill', 90);

    const running = await waitFor(
      async () => {
        const record = await jobsRepo.get(integration.userId, job.id);
        return record?.status === 'running' && (record.progress?.daysDone ?? 0) > 0 ? record : undefined;
      },
      { timeoutMs: 60_000, what: 'the job to report progress' },
    );
    const victim = workers.find((w) => running.claimedBy?.endsWith(`:${w.pid}`));
    const survivor = workers.find((w) => w !== victim);
    if (!victim || !survivor)
      throw new Error(`no worker process holds the job (claimedBy ${running.claimedBy})`);
    victim.child.kill('SIGKILL');
    expect(await victim.exited).toBeNull();
    await sandboxControl(sandbox.url, `faults/${slow.id}`, { method: 'DELETE' });

    const done = await waitFor(
      async () => {
        const record = await jobsRepo.get(integration.userId, job.id);
        return record?.status === 'success' || record?.status === 'error' ? record : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 500, what: 'the killed job to be recovered' },
    );
    expect(done).toMatchObject({
      status: 'success',
      attempts: 2,
      claimedBy: expect.stringMatching(`:${survivor.pid}$`),
    });
    const { dates, days } = await storedDaysOf(integration);
    expect(days.map((day) => day.date)).toEqual(dates);
    expect(storedTotals(days)).toEqual(await expectedOf(integration));
  }, 150_000);

  it('stops the surviving worker gracefully on SIGTERM', async () => {
    const survivor = workers.find((w) => w.child.exitCode === null && w.child.signalCode === null);
    if (!survivor) throw new Error('no worker left running');
    survivor.child.kill('SIGTERM');
    expect(await survivor.exited).toBe(0);
  });
});
