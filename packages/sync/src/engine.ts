import { TokenVault } from '@cohorts/core';
import type { Clock } from '@cohorts/core/clock';
import {
  type ConnectorsEnv,
  createConnectorsFromEnv,
  type EnvConnectors,
  type ProviderRequestObserver,
} from '@cohorts/providers';
import type { Firestore } from 'firebase-admin/firestore';
import { Redis } from 'ioredis';
import type { SyncLogger } from './log';
import type { ProcessNextDeps } from './process-next';
import { rawPayloadStoreFor } from './raw-payload-store';

/** The validated variables the engine needs (both the worker's and the web app's env have them). */
export type SyncEngineEnv = ConnectorsEnv & {
  TOKEN_ENCRYPTION_KEYS: string;
  RAW_PAYLOAD_BUCKET?: string | undefined;
  RAW_PAYLOAD_DIR?: string | undefined;
};

export interface SyncEngine {
  /** Everything `createSyncProcessor` and `processNextSyncJob` take. */
  deps: ProcessNextDeps;
  /** Disconnects the engine's Redis clients. */
  close(): void;
}

/**
 * Builds the engine from validated env: the four connectors (`createConnectorsFromEnv`), the token
 * vault, the raw payload store, and a BullMQ connection. The worker and the web app's cron
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
    /** Connectors the caller already built (and closes); otherwise the engine builds its own. */
    connectors?: EnvConnectors;
  },
): Promise<SyncEngine> {
  const logError = (what: string) => (error: Error) => options.logger?.warn({ err: error.message }, what);
  const platforms =
    options.connectors ??
    createConnectorsFromEnv(env, {
      onRedisError: logError('limiter redis connection error'),
      ...(options.observer && { observer: options.observer }),
      ...(options.clock && { clock: options.clock }),
    });
  // BullMQ workers need `maxRetriesPerRequest: null` for their blocking connection.
  const connection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
  connection.on('error', logError('queue redis connection error'));
  return {
    deps: {
      db,
      vault: new TokenVault(env.TOKEN_ENCRYPTION_KEYS),
      connectors: platforms.connectors,
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
      if (!options.connectors) platforms.close();
    },
  };
}
