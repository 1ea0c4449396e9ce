import 'server-only';
import { once } from 'node:events';
import { hostname } from 'node:os';
import {
  AlertNotifier,
  firebaseAppFor,
  firestoreFor,
  IntegrationCredentialsRepository,
  IntegrationFailureMonitor,
  OAuthNonceStore,
  type ProviderId,
  queueNames,
  RedisIncidentStore,
  type SyncJobData,
  SyncJobService,
  SyncScheduler,
  TokenVault,
  webhookDelivery,
} from '@cohorts/core';
import { type Clock, clockFromStartAt } from '@cohorts/core/clock';
import { type AdPlatformConnector, createConnectorsFromEnv, type EnvConnectors } from '@cohorts/providers';
import { createSyncEngine, type SyncEngine } from '@cohorts/sync';
import { Queue } from 'bullmq';
import { type Auth, getAuth } from 'firebase-admin/auth';
import type { Firestore } from 'firebase-admin/firestore';
import { Redis, type RedisOptions } from 'ioredis';
import { webEnv } from './env';
import type { BullBoard } from './queues/bull-board';

/**
 * The web server's container: every process-wide service, created lazily and once per process, in
 * one holder on `globalThis` so that `next dev` hot reloads (and Next's separate bundles of server
 * components and route handlers, each with its own copy of this module) reuse them instead of leaking
 * connections. `closeServices()` closes them all.
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
  nonceStore?: OAuthNonceStore;
  credentials?: IntegrationCredentialsRepository;
  bullBoard?: BullBoard;
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

/** One Firestore per process: firebase-admin hands every bundle the same one, whose settings apply once. */
export function firestore(): Firestore {
  const s = services();
  s.firestore ??= firestoreFor(webEnv().FIREBASE_PROJECT_ID);
  return s.firestore;
}

/**
 * The web app's one Redis client config. Requests fail fast while Redis is down (no offline queue,
 * one retry) rather than hang; the durable Firestore record is written first anyway. Nothing on
 * this client blocks (queue producers, Bull Board, OAuth nonces, alert incidents, per-user limits,
 * the per-credential limiter), so they share one connection. The only other connection is the
 * cron `process` route's BullMQ Worker, built by the sync engine: a Worker needs
 * `maxRetriesPerRequest: null`, so its commands wait out a reconnect instead of failing a job.
 */
const webRedisOptions = {
  maxRetriesPerRequest: 1,
  enableOfflineQueue: false,
  connectionName: 'cohorts-web',
} satisfies RedisOptions;

export function redis(): Redis {
  const s = services();
  s.redis ??= new Redis(webEnv().REDIS_URL, webRedisOptions);
  return s.redis;
}

/**
 * The Redis client once connected. With no offline queue, a command sent before the connection is
 * up fails: code that may send the process's first command (a limit, an OAuth callback) waits here.
 */
export async function connectedRedis(): Promise<Redis> {
  const client = redis();
  if (client.status !== 'ready') await once(client, 'ready', { signal: AbortSignal.timeout(5_000) });
  return client;
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
function platformConnectors(): EnvConnectors {
  const s = services();
  s.connectors ??= createConnectorsFromEnv(webEnv(), { clock: clock(), redis: redis() });
  return s.connectors;
}

export function connectors(): Record<ProviderId, AdPlatformConnector> {
  return platformConnectors().connectors;
}

/**
 * The sync engine `POST /api/integrations/process` runs (the cron route), composed from env as the
 * worker composes it around the same connectors as linking (vault, raw payload store, a BullMQ
 * connection). Built on the first cron call only.
 */
export function syncEngine(): Promise<SyncEngine> {
  const s = services();
  s.syncEngine ??= createSyncEngine(webEnv(), firestore(), {
    workerId: `web-${hostname()}-${process.pid}`,
    clock: clock(),
    connectors: platformConnectors(),
  });
  return s.syncEngine;
}

/** Pending OAuth links (single-use nonces), on the web's Redis client once it is connected. */
export async function nonceStore(): Promise<OAuthNonceStore> {
  const client = await connectedRedis();
  const s = services();
  s.nonceStore ??= new OAuthNonceStore(client, webEnv().REDIS_PREFIX);
  return s.nonceStore;
}

export function credentialsRepository(): IntegrationCredentialsRepository {
  const s = services();
  s.credentials ??= new IntegrationCredentialsRepository(
    firestore(),
    new TokenVault(webEnv().TOKEN_ENCRYPTION_KEYS),
  );
  return s.credentials;
}

/** Bull Board's app and queues, built by `queues/bull-board.ts` (it needs the auth guards) and kept here. */
export function bullBoard(build: () => BullBoard): BullBoard {
  const s = services();
  s.bullBoard ??= build();
  return s.bullBoard;
}

/** Closes every connection and forgets every service (tests, and a graceful shutdown). */
export async function closeServices(): Promise<void> {
  const s = services();
  await s.bullBoard?.board.close();
  await s.syncQueue?.close();
  (await s.syncEngine)?.close();
  s.connectors?.close();
  s.redis?.disconnect();
  for (const key of Object.keys(s) as (keyof WebServices)[]) {
    // Auth and Firestore hold no connection of ours and may be configured only once per process.
    if (key !== 'auth' && key !== 'firestore' && key !== 'clock') delete s[key];
  }
}
