import 'server-only';
import { hostname } from 'node:os';
import {
  AlertNotifier,
  firebaseAppFor,
  firestoreFor,
  IntegrationFailureMonitor,
  queueNames,
  RedisIncidentStore,
  type SyncJobData,
  SyncJobService,
  SyncScheduler,
  webhookDelivery,
} from '@cohorts/core';
import { type Clock, clockFromStartAt } from '@cohorts/core/clock';
import { createConnectorsFromEnv, type EnvConnectors } from '@cohorts/providers';
import { createSyncEngine, type SyncEngine } from '@cohorts/sync';
import { Queue } from 'bullmq';
import { type Auth, getAuth } from 'firebase-admin/auth';
import type { Firestore } from 'firebase-admin/firestore';
import { Redis } from 'ioredis';
import { webEnv } from './env';

/**
 * Server-only singletons, created lazily and once per process. They live on `globalThis` so that
 * `next dev` hot reloads reuse them instead of leaking Redis connections.
 */
interface WebServices {
  clock?: Clock;
  auth?: Auth;
  firestore?: Firestore;
  redis?: Redis;
  syncQueue?: Queue<SyncJobData>;
  syncJobService?: SyncJobService;
  syncScheduler?: SyncScheduler;
  alertNotifier?: AlertNotifier;
  connectors?: EnvConnectors;
  syncEngine?: Promise<SyncEngine>;
}

const globalKey = Symbol.for('cohorts.web.services');
type GlobalWithServices = typeof globalThis & { [globalKey]?: WebServices };

function services(): WebServices {
  const holder = globalThis as GlobalWithServices;
  holder[globalKey] ??= {};
  return holder[globalKey];
}

/** The process's one clock (`CLOCK_START_AT` pins it for development and end-to-end runs). */
export function clock(): Clock {
  const s = services();
  s.clock ??= clockFromStartAt(webEnv().CLOCK_START_AT);
  return s.clock;
}

/** firebase-admin Auth; v14 reads FIREBASE_AUTH_EMULATOR_HOST once, when this is first built. */
export function firebaseAuth(): Auth {
  const s = services();
  s.auth ??= getAuth(firebaseAppFor(webEnv().FIREBASE_PROJECT_ID));
  return s.auth;
}

/**
 * Kept on `globalThis` like the rest: Next bundles server components and route handlers separately,
 * each with its own copy of core, but firebase-admin (external) hands both the same Firestore, whose
 * settings may be applied only once.
 */
export function firestore(): Firestore {
  const s = services();
  s.firestore ??= firestoreFor(webEnv().FIREBASE_PROJECT_ID);
  return s.firestore;
}

/**
 * The producer connection for queues. Web requests must fail fast when Redis is down rather than
 * hang on ioredis's offline queue; the durable Firestore record is written first anyway.
 */
export function redis(): Redis {
  const s = services();
  s.redis ??= new Redis(webEnv().REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  return s.redis;
}

function syncQueue(): Queue<SyncJobData> {
  const s = services();
  s.syncQueue ??= new Queue<SyncJobData>(queueNames.sync, {
    connection: redis(),
    prefix: webEnv().REDIS_PREFIX,
  });
  return s.syncQueue;
}

export function syncJobService(): SyncJobService {
  const s = services();
  s.syncJobService ??= new SyncJobService({ db: firestore(), syncQueue: syncQueue(), clock: clock() });
  return s.syncJobService;
}

/** The scheduling service the worker's tick also runs (core's policy, paged fan-out). */
export function syncScheduler(): SyncScheduler {
  const s = services();
  s.syncScheduler ??= new SyncScheduler({
    db: firestore(),
    syncQueue: syncQueue(),
    clock: clock(),
    failureThreshold: webEnv().SCHEDULER_ALERT_FAILURE_THRESHOLD,
    // Runs started here check failure thresholds too (`failureThresholdOverride` applies per run).
    failureCheck: new IntegrationFailureMonitor(firestore(), alertNotifier()),
    onError: (error, integration) =>
      console.error(`scheduling ${integration.providerId} for ${integration.userId} failed`, error),
  });
  return s.syncScheduler;
}

/**
 * Failure alerts, de-duplicated through incidents in Redis shared with the worker, posted to
 * SCHEDULER_ALERT_WEBHOOK_URL when set (otherwise only logged).
 */
function alertNotifier(): AlertNotifier {
  const s = services();
  const env = webEnv();
  s.alertNotifier ??= new AlertNotifier({
    clock: clock(),
    store: new RedisIncidentStore(redis(), env.REDIS_PREFIX),
    deliver: env.SCHEDULER_ALERT_WEBHOOK_URL
      ? webhookDelivery({ url: env.SCHEDULER_ALERT_WEBHOOK_URL })
      : undefined,
    log: ({ payload, delivery }) =>
      console.warn(
        `alert ${payload.status}: ${payload.summary}${delivery && !delivery.delivered ? ' (webhook delivery failed)' : ''}`,
      ),
  });
  return s.alertNotifier;
}

/**
 * The four connectors (pointed at the sandbox when ADS_SANDBOX_URL is set), built from env as the
 * worker builds them: same per-credential limiter keys, so link-time calls and cron syncs share each
 * credential's rate budget with every worker. Starting an OAuth link needs only these.
 */
export function platformConnectors(): EnvConnectors {
  const s = services();
  s.connectors ??= createConnectorsFromEnv(webEnv(), {
    clock: clock(),
    onRedisError: (error) => console.warn(`limiter redis connection error: ${error.message}`),
  });
  return s.connectors;
}

/**
 * The sync engine `POST /api/integrations/process` runs (the cron route), composed from env as the
 * worker composes it around the same connectors as linking (vault, raw payload store, a BullMQ
 * connection). Built on the first cron call only.
 */
export function syncEngine(): Promise<SyncEngine> {
  const s = services();
  s.syncEngine ??= createSyncEngine(
    {
      ...webEnv(),
      RAW_PAYLOAD_BUCKET: process.env.RAW_PAYLOAD_BUCKET || undefined,
      RAW_PAYLOAD_DIR: process.env.RAW_PAYLOAD_DIR || undefined,
    },
    firestore(),
    { workerId: `web-${hostname()}-${process.pid}`, clock: clock(), connectors: platformConnectors() },
  );
  return s.syncEngine;
}

/** Closes the queue and Redis connections (tests, and a graceful shutdown). */
export async function closeServices(): Promise<void> {
  const s = services();
  await s.syncQueue?.close();
  s.redis?.disconnect();
  (await s.syncEngine)?.close();
  s.connectors?.close();
  s.syncEngine = undefined;
  s.connectors = undefined;
  s.syncQueue = undefined;
  s.syncJobService = undefined;
  s.syncScheduler = undefined;
  s.alertNotifier = undefined;
  s.redis = undefined;
}
