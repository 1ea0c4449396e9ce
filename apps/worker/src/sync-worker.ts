import { hostname } from 'node:os';
import { queueNames, TokenVault, type WorkerAppEnv } from '@cohorts/core';
import { createConnectors, createLimiterRedis, oauthAppsFromEnv } from '@cohorts/providers';
import {
  createSyncProcessor,
  defaultLeaseMs,
  rawPayloadStoreFor,
  shutdownAbortReason,
  syncWorkerSettings,
} from '@cohorts/sync';
import { Worker } from 'bullmq';
import type { Firestore } from 'firebase-admin/firestore';
import { Redis } from 'ioredis';
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
): Promise<SyncWorkerHandle> {
  const workerId = `${hostname()}:${process.pid}`;
  const limiterRedis = createLimiterRedis(env.REDIS_URL);
  limiterRedis.on('error', (error) => logger.warn({ err: error.message }, 'limiter redis connection error'));
  const connectors = createConnectors({
    apps: oauthAppsFromEnv(env),
    sandboxUrl: env.ADS_SANDBOX_URL,
    redis: limiterRedis,
  });
  const processor = createSyncProcessor({
    db,
    vault: new TokenVault(env.TOKEN_ENCRYPTION_KEYS),
    connectors,
    rawPayloads: await rawPayloadStoreFor(env),
    workerId,
    leaseMs: syncWorkerTiming.leaseMs,
    logger: logger.child({ component: 'sync' }),
  });
  // BullMQ workers need `maxRetriesPerRequest: null` for their blocking connection.
  const connection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
  connection.on('error', (error) => logger.warn({ err: error.message }, 'queue redis connection error'));
  const worker = new Worker(queueNames.sync, processor, {
    connection,
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
      connection.disconnect();
      limiterRedis.disconnect();
    },
  };
}
