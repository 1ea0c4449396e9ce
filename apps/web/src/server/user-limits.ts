import 'server-only';
import { randomUUID } from 'node:crypto';
import type { ProviderId } from '@cohorts/core';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { webEnv } from './env';
import { TooManyRequestsError } from './errors';
import { connectedRedis, redis } from './services';
import { StreamSlots } from './stream-slots';

/**
 * Per-user limits on work a person can trigger in a loop (counted in Redis, so every web process
 * shares them: rate-limiter-flexible for the rates, a sorted set of open slots for the streams).
 * They count real seconds (Redis's clock), not the product's clock: they protect real resources
 * (the platforms' daily quotas, Redis, Firestore listeners).
 */
interface UserLimiters {
  manualSync: RateLimiterRedis;
  linkStarts: RateLimiterRedis;
  jobStreams: StreamSlots;
}

/** The longest a refused stream is told to wait: another of the user's streams may close any moment. */
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
        jobStreams: new StreamSlots(client, `${env.REDIS_PREFIX}:job-streams`, {
          limit: env.JOB_STREAMS_PER_USER,
          ttlMs: env.JOB_STREAM_SLOT_TTL_SECONDS * 1000,
        }),
      },
    };
  }
  return limiters.limiters;
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
  await connectedRedis();
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

/** One open stream's slot: renewed by its heartbeat until `release`. */
export interface JobStreamSlot {
  /** Aborts when the slot could not be renewed because the user's slots are all taken (after a Redis wipe). */
  lost: AbortSignal;
  /** Gives the slot back; safe to call more than once. */
  release(): Promise<void>;
}

/**
 * Opens one of the user's `JOB_STREAMS_PER_USER` live job streams, or throws 429 saying when to retry.
 * The slot lapses `JOB_STREAM_SLOT_TTL_SECONDS` after its last heartbeat (every third of that), so a
 * stream whose process died frees its slot by itself.
 */
export async function openJobStream(userId: string): Promise<JobStreamSlot> {
  const limit = webEnv().JOB_STREAMS_PER_USER;
  const slots = userLimiters().jobStreams;
  await connectedRedis();
  const slotId = randomUUID();
  const admission = await slots.admit(userId, slotId);
  if (!admission.admitted) {
    const seconds = Math.max(1, Math.min(jobStreamRetrySeconds, Math.ceil(admission.retryAfterMs / 1000)));
    throw new TooManyRequestsError(
      `at most ${limit} live job streams may be open at once: close another tab, or try again in ${seconds} s`,
      seconds,
    );
  }
  const lost = new AbortController();
  const heartbeat = setInterval(() => {
    slots.admit(userId, slotId).then(
      (renewed) => {
        // Only after a Redis wipe: the user's streams re-registered first and filled every slot.
        if (!renewed.admitted) lost.abort(new TooManyRequestsError('this live job stream lost its slot', 1));
      },
      // Redis is down: the next beat tries again (the slot lapses only after three missed beats).
      (error: unknown) => console.warn('renewing a live job stream slot failed', error),
    );
  }, slots.settings.ttlMs / 3);
  heartbeat.unref();
  let released = false;
  return {
    lost: lost.signal,
    async release() {
      if (released) return;
      released = true;
      clearInterval(heartbeat);
      try {
        await slots.release(userId, slotId);
      } catch (error) {
        // Redis is down: the slot lapses by itself once its heartbeats stop.
        console.warn('releasing a live job stream slot failed', error);
      }
    },
  };
}
