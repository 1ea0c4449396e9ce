import 'server-only';
import {
  firebaseAppFor,
  firestoreFor,
  queueNames,
  type SyncJobData,
  SyncJobService,
  SyncScheduler,
} from '@cohorts/core';
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
  auth?: Auth;
  redis?: Redis;
  syncQueue?: Queue<SyncJobData>;
  syncJobService?: SyncJobService;
  syncScheduler?: SyncScheduler;
}

const globalKey = Symbol.for('cohorts.web.services');
type GlobalWithServices = typeof globalThis & { [globalKey]?: WebServices };

function services(): WebServices {
  const holder = globalThis as GlobalWithServices;
  holder[globalKey] ??= {};
  return holder[globalKey];
}

/** firebase-admin Auth; v14 reads FIREBASE_AUTH_EMULATOR_HOST once, when this is first built. */
export function firebaseAuth(): Auth {
  const s = services();
  s.auth ??= getAuth(firebaseAppFor(webEnv().FIREBASE_PROJECT_ID));
  return s.auth;
}

export function firestore(): Firestore {
  return firestoreFor(webEnv().FIREBASE_PROJECT_ID);
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

export function syncQueue(): Queue<SyncJobData> {
  const s = services();
  s.syncQueue ??= new Queue<SyncJobData>(queueNames.sync, {
    connection: redis(),
    prefix: webEnv().REDIS_PREFIX,
  });
  return s.syncQueue;
}

export function syncJobService(): SyncJobService {
  const s = services();
  s.syncJobService ??= new SyncJobService({ db: firestore(), syncQueue: syncQueue() });
  return s.syncJobService;
}

/** The scheduling service the worker's tick also runs (core's policy, paged fan-out). */
export function syncScheduler(): SyncScheduler {
  const s = services();
  s.syncScheduler ??= new SyncScheduler({
    db: firestore(),
    syncQueue: syncQueue(),
    failureThreshold: webEnv().SCHEDULER_ALERT_FAILURE_THRESHOLD,
    onError: (error, integration) =>
      console.error(`scheduling ${integration.providerId} for ${integration.userId} failed`, error),
  });
  return s.syncScheduler;
}

/** Closes the queue and Redis connections (tests, and a graceful shutdown). */
export async function closeServices(): Promise<void> {
  const s = services();
  await s.syncQueue?.close();
  s.redis?.disconnect();
  s.syncQueue = undefined;
  s.syncJobService = undefined;
  s.syncScheduler = undefined;
  s.redis = undefined;
}
