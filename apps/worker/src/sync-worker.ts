import { hostname } from 'node:os';
import { queueNames, type WorkerAppEnv } from '@cohorts/core';
import type { Clock } from '@cohorts/core/clock';
import {
  createSyncEngine,
  createSyncProcessor,
  defaultLeaseMs,
  shutdownAbortReason,
  syncWorkerSettings,
} from '@cohorts/sync';
import { Worker } from 'bullmq';
import type { Firestore } from 'firebase-admin/firestore';
import type { Logger } from './logger';

/**
 * BullMQ lock and stall settings: a SIGKILLed worker's lock lapses after `lockDurationMs`, the
 * stalled check (every `stalledIntervalMs`) puts its job back in `wait`, and another worker takes
 * it once the Firestore lease (`leaseMs`, renewed every third of it) has lapsed too.
 */
export const syncWorkerTiming = {
  lockDurationMs: 15_000,
  stalledIntervalMs: 5_000,
  maxStalledCount: 3,
  leaseMs: defaultLeaseMs,
} as const;

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
): Promise<SyncWorkerHandle> {
  const workerId = `${hostname()}:${process.pid}`;
  const engine = await createSyncEngine(env, db, {
    workerId,
    leaseMs: syncWorkerTiming.leaseMs,
    logger: logger.child({ component: 'sync' }),
    ...(clock && { clock }),
  });
  const worker = new Worker(queueNames.sync, createSyncProcessor(engine.deps), {
    connection: engine.deps.connection,
    prefix: env.REDIS_PREFIX,
    concurrency: env.WORKER_CONCURRENCY,
    lockDuration: syncWorkerTiming.lockDurationMs,
    stalledInterval: syncWorkerTiming.stalledIntervalMs,
    maxStalledCount: syncWorkerTiming.maxStalledCount,
    settings: syncWorkerSettings,
  });
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
