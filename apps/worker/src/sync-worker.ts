import { hostname } from 'node:os';
import { queueNames, type WorkerAppEnv } from '@cohorts/core';
import type { Clock } from '@cohorts/core/clock';
import {
  createSyncEngine,
  createSyncProcessor,
  shutdownAbortReason,
  syncWorkerSettings,
} from '@cohorts/sync';
import { Worker } from 'bullmq';
import type { Firestore } from 'firebase-admin/firestore';
import type { Logger } from './logger';
import type { WorkerMetrics } from './metrics/worker-metrics';

/**
 * Stalls never fail a sync job. A stall is a lost worker (a crash, an OOM kill, a deploy), not the
 * job's fault, and the work is idempotent; BullMQ's default would fail a job on its 2nd stall and
 * `maxStalledCount: 3` failed every backfill of a crash storm. The job's own `attempts` (errors it
 * raised) and the Firestore claim guard (`syncRetryPolicy.maxClaims`, for a job that kills its
 * worker every time) are the limits. Lua compares it as a double, so any large number works.
 */
const unlimitedStalls = 1_000_000_000;

/**
 * BullMQ lock and stall settings from the environment: a SIGKILLed worker's lock lapses after
 * WORKER_LOCK_DURATION_MS, the stalled check (every WORKER_STALLED_INTERVAL_MS) puts its job back in
 * `wait`, and another worker takes it once the Firestore lease (SYNC_LEASE_MS) has lapsed too.
 */
export function syncWorkerOptions(
  env: Pick<WorkerAppEnv, 'WORKER_LOCK_DURATION_MS' | 'WORKER_STALLED_INTERVAL_MS'>,
) {
  return {
    lockDuration: env.WORKER_LOCK_DURATION_MS,
    stalledInterval: env.WORKER_STALLED_INTERVAL_MS,
    maxStalledCount: unlimitedStalls,
    settings: syncWorkerSettings,
  } as const;
}

export interface SyncWorkerHandle {
  worker: Worker;
  workerId: string;
  isRunning(): boolean;
  /**
   * Stops taking jobs and waits for the running ones; after `graceMs` they are cancelled, which
   * releases them (Firestore `queued`, BullMQ `wait`) for another worker.
   */
  close(graceMs: number): Promise<void>;
}

export async function startSyncWorker(
  env: WorkerAppEnv,
  db: Firestore,
  logger: Logger,
  clock?: Clock,
  metrics?: WorkerMetrics,
): Promise<SyncWorkerHandle> {
  const workerId = `${hostname()}:${process.pid}`;
  const engine = await createSyncEngine(env, db, {
    workerId,
    leaseMs: env.SYNC_LEASE_MS,
    logger: logger.child({ component: 'sync' }),
    ...(clock && { clock }),
    ...(metrics && { observer: metrics.providerObserver }),
  });
  const worker = new Worker(queueNames.sync, createSyncProcessor(engine.deps), {
    connection: engine.deps.connection,
    prefix: env.REDIS_PREFIX,
    concurrency: env.WORKER_CONCURRENCY,
    ...syncWorkerOptions(env),
  });
  metrics?.watchSyncWorker(worker);
  worker.on('error', (error) => logger.error({ err: error.message }, 'sync worker error'));
  worker.on('failed', (job, error) =>
    logger.warn({ jobId: job?.id, attemptsMade: job?.attemptsMade, err: error.message }, 'sync job failed'),
  );
  worker.on('stalled', (jobId) => logger.warn({ jobId }, 'sync job stalled; it will be retried'));
  await worker.waitUntilReady();
  logger.info({ workerId, concurrency: env.WORKER_CONCURRENCY }, 'sync worker started');

  return {
    worker,
    workerId,
    isRunning: () => worker.isRunning(),
    async close(graceMs) {
      const closing = worker.close();
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), graceMs);
      });
      if ((await Promise.race([closing, graceOver])) === 'timeout') {
        logger.warn({ graceMs }, 'running syncs did not finish in time; releasing them');
        worker.cancelAllJobs(shutdownAbortReason);
        await closing;
      }
      clearTimeout(timer);
      engine.close();
    },
  };
}
