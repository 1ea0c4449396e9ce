import {
  AlertNotifier,
  ConfigError,
  firestoreFor,
  loadWorkerEnv,
  RedisIncidentStore,
  webhookDelivery,
} from '@cohorts/core';
import { Redis } from 'ioredis';
import { createHealthServer } from './health/health-server';
import { createLogger } from './logger';
import { startReconciler } from './reconciler';
import { startScheduler } from './scheduler';
import { type SyncWorkerHandle, startSyncWorker } from './sync-worker';

function loadConfig() {
  try {
    return loadWorkerEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

const env = loadConfig();
const logger = createLogger(env.LOG_LEVEL);
const roles = new Set(env.WORKER_ROLES);
const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
redis.on('error', (error) => logger.warn({ err: error.message }, 'redis connection error'));
const db = firestoreFor(env.FIREBASE_PROJECT_ID);

let shuttingDown = false;
const syncWorker: SyncWorkerHandle | null = roles.has('sync') ? await startSyncWorker(env, db, logger) : null;

// The periodic jobs (BullMQ job schedulers: once per interval however many replicas run).
const periodicConnection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
periodicConnection.on('error', (error) => logger.warn({ err: error.message }, 'periodic jobs redis error'));
const notifier = new AlertNotifier({
  store: new RedisIncidentStore(redis, env.REDIS_PREFIX),
  ...(env.SCHEDULER_ALERT_WEBHOOK_URL && {
    deliver: webhookDelivery({ url: env.SCHEDULER_ALERT_WEBHOOK_URL }),
  }),
  log: ({ payload, delivery }) =>
    logger.warn(
      {
        alert: payload.kind,
        status: payload.status,
        incident: payload.incidentKey,
        delivered: delivery?.delivered ?? null,
      },
      payload.summary,
    ),
});
const periodicDeps = { connection: periodicConnection, prefix: env.REDIS_PREFIX, logger, db };
const periodic: { name: string; close(): Promise<void> }[] = [];
if (roles.has('scheduler')) {
  const scheduler = await startScheduler({
    ...periodicDeps,
    config: { tickMs: env.SCHEDULER_TICK_MS, failureThreshold: env.SCHEDULER_ALERT_FAILURE_THRESHOLD },
    ...(roles.has('alerts') && { notifier }),
  });
  periodic.push({ name: 'scheduler', close: () => scheduler.close() });
}
if (roles.has('reconciler')) {
  const reconciler = await startReconciler({
    ...periodicDeps,
    config: { intervalMs: env.RECONCILER_INTERVAL_MS, graceMs: env.RECONCILER_GRACE_MS },
  });
  periodic.push({ name: 'reconciler', close: () => reconciler.close() });
}
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
    ...periodic.map((job) =>
      job.close().catch((error) => logger.error({ err: messageOf(error), job: job.name }, 'closing failed')),
    ),
  ]);
  await new Promise<void>((resolve) => health.close(() => resolve()));
  periodicConnection.disconnect();
  redis.disconnect();
  logger.info('stopped');
  process.exit(0);
}

process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
