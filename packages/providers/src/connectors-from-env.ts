import type { Clock } from '@cohorts/core/clock';
import type { ProviderId } from '@cohorts/core/contract';
import type { Redis } from 'ioredis';
import type { AdPlatformConnector } from './connector';
import { createConnectors, oauthAppsFromEnv } from './connectors';
import { limiterKeyPrefix } from './http/credential-limiter';
import { createLimiterRedis } from './http/limiter-redis';
import type { ProviderRequestObserver } from './http/request-observer';

/** The validated variables the connectors need (the worker's and the web app's env both have them). */
export type ConnectorsEnv = Parameters<typeof oauthAppsFromEnv>[0] & {
  REDIS_URL: string;
  REDIS_PREFIX: string;
  ADS_SANDBOX_URL?: string | undefined;
  /** How long one platform request may take before it is abandoned and retried (default 30 s). */
  PROVIDER_REQUEST_TIMEOUT_MS?: number | undefined;
};

export interface ConnectorsFromEnvOptions {
  clock?: Clock;
  /** Told of every platform request's limiter wait and outcome (the worker's metrics). */
  observer?: ProviderRequestObserver;
  /** Told when the limiter's own Redis connection fails (it reconnects by itself). */
  onRedisError?: (error: Error) => void;
  /**
   * A fail-fast client the caller owns and closes (no offline queue, no blocking commands on it):
   * the web app's one client. Without it the limiter gets its own (`createLimiterRedis`).
   */
  redis?: Redis;
}

export interface EnvConnectors {
  connectors: Record<ProviderId, AdPlatformConnector>;
  /** Disconnects the limiter's own Redis client (not a client the caller passed). */
  close(): void;
}

/**
 * The four connectors as every process builds them from validated env: the configured OAuth apps,
 * the sandbox when `ADS_SANDBOX_URL` is set, and one per-credential limiter on its own Redis client
 * under the deployment's key prefix, so every process (worker, web link start, cron sync) spends
 * the same per-credential budget.
 */
export function createConnectorsFromEnv(
  env: ConnectorsEnv,
  options: ConnectorsFromEnvOptions = {},
): EnvConnectors {
  const ownsRedis = options.redis === undefined;
  const redis = options.redis ?? createLimiterRedis(env.REDIS_URL);
  if (ownsRedis && options.onRedisError) redis.on('error', options.onRedisError);
  const connectors = createConnectors({
    apps: oauthAppsFromEnv(env),
    sandboxUrl: env.ADS_SANDBOX_URL,
    redis,
    limiter: { keyPrefix: limiterKeyPrefix(env.REDIS_PREFIX) },
    http: {
      ...(env.PROVIDER_REQUEST_TIMEOUT_MS && { timeoutMs: env.PROVIDER_REQUEST_TIMEOUT_MS }),
      ...(options.observer && { observer: options.observer }),
    },
    ...(options.clock && { clock: options.clock }),
  });
  return {
    connectors,
    close() {
      if (ownsRedis) redis.disconnect();
    },
  };
}
