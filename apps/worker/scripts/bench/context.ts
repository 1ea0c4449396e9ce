import {
  type AdIntegration,
  type ProviderId,
  type SyncJobRecord,
  SyncJobService,
  SyncJobsRepository,
} from '@cohorts/core';
import { freePort, uniqueId, waitFor } from '@cohorts/test-harness';
import { type E2eEnvironment, startE2eEnvironment } from '../../test/support/e2e-environment';
import { isReady, spawnWorker, type WorkerProcess } from '../../test/support/worker-process';

/** What every row shares: one Firestore project, Redis prefix and sandbox of the run's own. */
export interface BenchContext {
  e2e: E2eEnvironment;
  service: SyncJobService;
  jobs: SyncJobsRepository;
}

export async function startBenchContext(): Promise<BenchContext> {
  const e2e = await startE2eEnvironment('bench');
  return {
    e2e,
    service: new SyncJobService({ db: e2e.db, syncQueue: e2e.queue, clock: e2e.clock }),
    jobs: new SyncJobsRepository(e2e.db),
  };
}

/** Worker processes of this run (real `src/main.ts`), ready to take jobs. */
export async function startWorkers(
  context: BenchContext,
  count: number,
  concurrency: number,
  /** 'info' lets a row read each sync's step times from the 'sync finished' lines (`step-breakdown.ts`). */
  logLevel: 'warn' | 'info' = 'warn',
): Promise<{ workers: WorkerProcess[]; stop(): Promise<void> }> {
  const env = { ...context.e2e.workerEnv, WORKER_CONCURRENCY: String(concurrency), LOG_LEVEL: logLevel };
  const workers: WorkerProcess[] = [];
  for (let i = 0; i < count; i++) workers.push(spawnWorker(env, await freePort()));
  const stop = async () => {
    for (const worker of workers) worker.child.kill('SIGTERM');
    await Promise.all(workers.map((worker) => worker.exited));
  };
  try {
    await waitFor(async () => (await Promise.all(workers.map(isReady))).every(Boolean), {
      timeoutMs: 120_000,
      intervalMs: 100,
      what: `${count} worker processes`,
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { workers, stop };
}

/** A user (a fresh one unless given) linked to `providerId` through the sandbox's consent (ada: five ad accounts). */
export function linkUser(
  context: BenchContext,
  providerId: ProviderId,
  login: string,
  userId = uniqueId('bench'),
): Promise<AdIntegration> {
  return context.e2e.link(userId, providerId, login);
}

/** Enqueues one sync per integration and waits until all have finished; throws if any failed. */
export async function syncAll(
  context: BenchContext,
  integrations: readonly AdIntegration[],
  jobType: 'initial-backfill' | 'scheduled-sync',
  days: number,
): Promise<{ ms: number; jobIds: { userId: string; id: string }[] }> {
  const started = performance.now();
  const jobIds = await Promise.all(
    integrations.map(async (integration) => {
      const { job } = await context.service.enqueue(
        integration.userId,
        integration.providerId,
        jobType,
        days,
      );
      return { userId: job.userId, id: job.id };
    }),
  );
  await waitForJobs(context, jobIds);
  return { ms: performance.now() - started, jobIds };
}

/**
 * Waits for every job's ending on one Firestore listener per job (the push `jobs.onChange` uses),
 * not by polling: 40 jobs read every 50 ms would be 800 reads a second on the emulator the syncs
 * write to, a load the row would then measure. Throws if any failed.
 */
export async function waitForJobs(
  context: BenchContext,
  jobIds: readonly { userId: string; id: string }[],
  timeoutMs = 900_000,
): Promise<void> {
  const unsubscribes: (() => void)[] = [];
  let timer: NodeJS.Timeout | undefined;
  try {
    const endings = jobIds.map(
      (job) =>
        new Promise<SyncJobRecord>((resolve, reject) => {
          unsubscribes.push(
            context.jobs.ref(job.userId, job.id).onSnapshot((snapshot) => {
              const record = snapshot.data();
              if (record?.status === 'success' || record?.status === 'error')
                resolve({ ...record, id: snapshot.id });
            }, reject),
          );
        }),
    );
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${jobIds.length} syncs did not finish within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    const records = await Promise.race([Promise.all(endings), deadline]);
    const failed = records.filter((record) => record.status === 'error');
    if (failed.length > 0) {
      throw new Error(
        `${failed.length} syncs failed: ${failed.map((r) => `${r.providerId}: ${r.errorMessage}`).join('; ')}`,
      );
    }
  } finally {
    clearTimeout(timer);
    for (const unsubscribe of unsubscribes) unsubscribe();
  }
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
