import { TokenVault } from '@cohorts/core';
import type { Clock } from '@cohorts/core/clock';
import {
  createConnectors,
  createLimiterRedis,
  limiterKeyPrefix,
  oauthAppsFromEnv,
  type ProviderRequestObserver,
} from '@cohorts/providers';
import type { Firestore } from 'firebase-admin/firestore';
import { Redis } from 'ioredis';
import type { SyncLogger } from './log';
import type { ProcessNextDeps } from './process-next';
import { rawPayloadStoreFor } from './raw-payload-store';

/** The validated variables the engine needs (both the worker's and the web app's env have them). */
export type SyncEngineEnv = Parameters<typeof oauthAppsFromEnv>[0] & {
  REDIS_URL: string;
  REDIS_PREFIX: string;
  TOKEN_ENCRYPTION_KEYS: string;
  ADS_SANDBOX_URL?: string | undefined;
  RAW_PAYLOAD_BUCKET?: string | undefined;
  RAW_PAYLOAD_DIR?: string | undefined;
  /** How long one platform request may take before it is abandoned and retried (default 30 s). */
  PROVIDER_REQUEST_TIMEOUT_MS?: number | undefined;
};

export interface SyncEngine {
  /** Everything `createSyncProcessor` and `processNextSyncJob` take. */
  deps: ProcessNextDeps;
  /** Disconnects the engine's Redis clients. */
  close(): void;
}

/**
 * Builds the engine from validated env: the four connectors over one per-credential limiter, the
 * token vault, the raw payload store, and a BullMQ connection. The worker and the web app's cron
 * route (`processNextSyncJob(engine.deps)`) compose it the same way.
 */
export async function createSyncEngine(
  env: SyncEngineEnv,
  db: Firestore,
  options: {
    workerId: string;
    leaseMs?: number;
    logger?: SyncLogger;
    clock?: Clock;
    /** Told of every platform request's limiter wait and outcome (the worker's metrics). */
    observer?: ProviderRequestObserver;
  },
): Promise<SyncEngine> {
  const limiterRedis = createLimiterRedis(env.REDIS_URL);
  // BullMQ workers need `maxRetriesPerRequest: null` for their blocking connection.
  const connection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
  const logError = (what: string) => (error: Error) => options.logger?.warn({ err: error.message }, what);
  limiterRedis.on('error', logError('limiter redis connection error'));
  connection.on('error', logError('queue redis connection error'));
  const connectors = createConnectors({
    apps: oauthAppsFromEnv(env),
    sandboxUrl: env.ADS_SANDBOX_URL,
    redis: limiterRedis,
    limiter: { keyPrefix: limiterKeyPrefix(env.REDIS_PREFIX) },
    http: {
      ...(env.PROVIDER_REQUEST_TIMEOUT_MS && { timeoutMs: env.PROVIDER_REQUEST_TIMEOUT_MS }),
      ...(options.observer && { observer: options.observer }),
    },
    ...(options.clock && { clock: options.clock }),
  });
  return {
    deps: {
      db,
      vault: new TokenVault(env.TOKEN_ENCRYPTION_KEYS),
      connectors,
      rawPayloads: await rawPayloadStoreFor({
        RAW_PAYLOAD_BUCKET: env.RAW_PAYLOAD_BUCKET,
        RAW_PAYLOAD_DIR: env.RAW_PAYLOAD_DIR ?? '.data/raw-payloads',
      }),
      workerId: options.workerId,
      connection,
      prefix: env.REDIS_PREFIX,
      ...(options.leaseMs !== undefined && { leaseMs: options.leaseMs }),
      ...(options.logger && { logger: options.logger }),
      ...(options.clock && { clock: options.clock }),
    },
    close() {
      connection.disconnect();
      limiterRedis.disconnect();
    },
  };
}
