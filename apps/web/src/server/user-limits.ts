import 'server-only';
import { once } from 'node:events';
import type { ProviderId } from '@cohorts/core';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { webEnv } from './env';
import { TooManyRequestsError } from './errors';
import { redis } from './services';

/**
 * Per-user limits on work a person can trigger in a loop (counted in Redis with rate-limiter-flexible,
 * so every web process shares them). They count real seconds (Redis key expiry), not the product's
 * clock: they protect real resources (the platforms' daily quotas, Redis, Firestore listeners).
 */
interface UserLimiters {
  manualSync: RateLimiterRedis;
  linkStarts: RateLimiterRedis;
  jobStreams: RateLimiterRedis;
}

/**
 * How long a stream slot is held when its process dies without releasing it; the count also
 * restarts this often, so a user with streams open across the restart may briefly hold more.
 */
const jobStreamSlotSeconds = 60 * 60;

const jobStreamRetrySeconds = 10;

let limiters: { client: Redis; limiters: UserLimiters } | undefined;

function userLimiters(): UserLimiters {
  const client = redis();
  // Rebuilt when the services were closed and a new connection made (tests).
  if (limiters?.client !== client) {
    const env = webEnv();
    const limiter = (name: string, points: number, duration: number) =>
      new RateLimiterRedis({
        storeClient: client,
        keyPrefix: `${env.REDIS_PREFIX}:limit:${name}`,
        points,
        duration,
      });
    limiters = {
      client,
      limiters: {
        manualSync: limiter('manual-sync', 1, env.MANUAL_SYNC_COOLDOWN_SECONDS),
        linkStarts: limiter('link-start', env.LINK_STARTS_PER_MINUTE, 60),
        jobStreams: limiter('job-streams', env.JOB_STREAMS_PER_USER, jobStreamSlotSeconds),
      },
    };
  }
  return limiters.limiters;
}

/** The web's Redis connection fails fast while down (no offline queue), so wait for it to be up first. */
async function connected(): Promise<void> {
  const client = redis();
  if (client.status !== 'ready') await once(client, 'ready', { signal: AbortSignal.timeout(5_000) });
}

/**
 * Takes one point, or throws the limit's 429 (`tooMany` words it with the seconds to wait).
 * rate-limiter-flexible rejects with a `RateLimiterRes` when the points are spent, and with an
 * `Error` when Redis fails (that is ours: a 500).
 */
async function take(
  limiter: RateLimiterRedis,
  key: string,
  tooMany: (retryAfterSeconds: number) => string,
  retryAfter?: number,
): Promise<void> {
  await connected();
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const retryAfterSeconds = retryAfter ?? Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw new TooManyRequestsError(tooMany(retryAfterSeconds), retryAfterSeconds);
  }
}

/** "Run sync now" at most once per `MANUAL_SYNC_COOLDOWN_SECONDS` per integration. */
export function takeManualSyncTurn(userId: string, providerId: ProviderId): Promise<void> {
  const cooldown = webEnv().MANUAL_SYNC_COOLDOWN_SECONDS;
  return take(
    userLimiters().manualSync,
    `${userId}:${providerId}`,
    (seconds) => `${providerId} was synced on request less than ${cooldown} s ago: try again in ${seconds} s`,
  );
}

/** At most `LINK_STARTS_PER_MINUTE` OAuth link starts per user per minute. */
export function takeLinkStart(userId: string): Promise<void> {
  const perMinute = webEnv().LINK_STARTS_PER_MINUTE;
  return take(
    userLimiters().linkStarts,
    userId,
    (seconds) => `at most ${perMinute} platform links may be started a minute: try again in ${seconds} s`,
  );
}

/**
 * Opens one of the user's `JOB_STREAMS_PER_USER` live job streams, or throws 429; the returned
 * function gives the slot back (call it once, when the stream closes).
 */
export async function openJobStream(userId: string): Promise<() => Promise<void>> {
  const limit = webEnv().JOB_STREAMS_PER_USER;
  const { jobStreams } = userLimiters();
  // A slot frees when another stream closes, not when the count restarts: suggest a short wait.
  try {
    await take(
      jobStreams,
      userId,
      (seconds) =>
        `at most ${limit} live job streams may be open at once: close another tab, or try again in ${seconds} s`,
      jobStreamRetrySeconds,
    );
  } catch (error) {
    // A refused attempt counted a point too; give it back, or refusals would hold slots that are free.
    if (error instanceof TooManyRequestsError) await jobStreams.reward(userId, 1);
    throw error;
  }
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    try {
      // Only while the count is still the one this slot was taken from (it restarts hourly).
      const current = await jobStreams.get(userId);
      if (current && current.consumedPoints > 0) await jobStreams.reward(userId, 1);
    } catch (error) {
      // Redis is down: the slot frees itself when the count restarts.
      console.warn('releasing a live job stream slot failed', error);
    }
  };
}
