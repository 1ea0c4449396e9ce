import { firestoreFor, loadWorkerEnv } from '@cohorts/core';
import { clockFromStartAt } from '@cohorts/core/clock';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { loadConfigOrExit } from './config-or-exit';
import { createHealthServer } from './health/health-server';
import { createLogger } from './logger';
import { createWorkerMetrics, monitoredQueueNames } from './metrics/worker-metrics';
import { startOperations } from './operations';
import { type SyncWorkerHandle, startSyncWorker } from './sync-worker';

const env = loadConfigOrExit(() => loadWorkerEnv());
const logger = createLogger(env.LOG_LEVEL);
const roles = new Set(env.WORKER_ROLES);
const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
redis.on('error', (error) => logger.warn({ err: error.message }, 'redis connection error'));
const db = firestoreFor(env.FIREBASE_PROJECT_ID);
// One clock for the whole process (pinned by CLOCK_START_AT in development and end-to-end tests).
const clock = clockFromStartAt(env.CLOCK_START_AT);

// Prometheus metrics on the health server's /metrics: job outcomes, platform requests, queue depth.
const metrics = createWorkerMetrics(clock);
const metricQueues = monitoredQueueNames.map(
  (name) => new Queue(name, { connection: redis, prefix: env.REDIS_PREFIX }),
);
metrics.watchQueues(metricQueues);

let shuttingDown = false;
const syncWorker: SyncWorkerHandle | null = roles.has('sync')
  ? await startSyncWorker(env, db, logger, clock, metrics)
  : null;

// The scheduler tick, the reconciler and the alert monitor (BullMQ job schedulers: once per
// interval however many replicas run).
const operations = roles.has('operations') ? await startOperations({ env, db, logger, clock }) : null;
logger.info({ roles: [...roles] }, 'worker started');

const health = createHealthServer(
  {
    redis: async () => {
      await redis.ping();
    },
    firestore: async () => {
      await db.listCollections();
    },
    workers: async () => {
      if (syncWorker && !syncWorker.isRunning()) throw new Error('the sync worker is not running');
    },
  },
  () => shuttingDown,
  async () => ({ contentType: metrics.registry.contentType, body: await metrics.registry.metrics() }),
);
health.listen(env.WORKER_HEALTH_PORT, () => {
  logger.info({ port: env.WORKER_HEALTH_PORT }, 'worker health endpoint listening');
});

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Stop taking jobs, let running syncs finish for most of the deadline, then release what is left
 * (Firestore `queued`, BullMQ `wait`) so another worker picks it up; exit before the deadline.
 */
async function shutdown(signal: string): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.info({ signal }, 'shutting down');
  const deadline = setTimeout(() => {
    logger.error('shutdown deadline passed; exiting');
    process.exit(1);
  }, env.WORKER_SHUTDOWN_TIMEOUT_MS);
  deadline.unref();
  await Promise.all([
    syncWorker
      ?.close(Math.floor(env.WORKER_SHUTDOWN_TIMEOUT_MS * 0.7))
      .catch((error) => logger.error({ err: messageOf(error) }, 'closing the sync worker failed')),
    operations
      ?.close()
      .catch((error) => logger.error({ err: messageOf(error) }, 'closing operations failed')),
  ]);
  await new Promise<void>((resolve) => health.close(() => resolve()));
  await Promise.all(metricQueues.map((queue) => queue.close().catch(() => undefined)));
  redis.disconnect();
  logger.info('stopped');
  process.exit(0);
}

process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
