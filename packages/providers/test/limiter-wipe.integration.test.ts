import { performance } from 'node:perf_hooks';
import {
  type PrivateRedis,
  startPrivateRedis,
  uniqueId,
  uniqueRedisPrefix,
  waitFor,
} from '@cohorts/test-harness';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialRateLimiter } from '../src/http/credential-limiter';
import { createLimiterRedis } from '../src/http/limiter-redis';

// Each test wipes the whole server, so they run on a redis-server of their own, never the shared one.
let server: PrivateRedis;
const clients: Redis[] = [];
beforeAll(async () => {
  server = await startPrivateRedis();
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await server?.stop();
});

/** A limiter on a Redis connection of its own, as in a separate worker process. */
function limiterProcess(keyPrefix: string, maxWaitMs?: number): CredentialRateLimiter {
  const redis = createLimiterRedis(server.url);
  redis.on('error', () => {}); // refused while the server restarts; acquire reports it
  clients.push(redis);
  return new CredentialRateLimiter({ redis, keyPrefix, maxWaitMs });
}

/** Starts `count` acquires; each records when it let its caller send. */
function acquireMany(limiter: CredentialRateLimiter, credential: string, count: number, sends: number[]) {
  return Array.from({ length: count }, () =>
    limiter.acquire(credential).then(() => {
      sends.push(performance.now());
    }),
  );
}

/** The closest two sends, and the most sends in any sliding second. */
function spacing(sends: number[]) {
  const sorted = [...sends].sort((a, b) => a - b);
  let closestMs = Number.POSITIVE_INFINITY;
  let maxPerSlidingSecond = 0;
  for (let i = 0; i < sorted.length; i++) {
    const at = sorted[i] ?? 0;
    if (i > 0) closestMs = Math.min(closestMs, at - (sorted[i - 1] ?? 0));
    maxPerSlidingSecond = Math.max(
      maxPerSlidingSecond,
      sorted.filter((t) => t >= at && t < at + 1000).length,
    );
  }
  return { closestMs, maxPerSlidingSecond };
}

/**
 * Limiter A books ~3 s of one credential's slots and starts sending; then Redis loses every key
 * while A still waits for most of its slots; then limiter B books as many on the same credential.
 */
async function wipeWhileBooked(wipe: () => Promise<void>) {
  const prefix = uniqueRedisPrefix('limiter-wipe');
  const credential = uniqueId('cred');
  const a = limiterProcess(prefix);
  const b = limiterProcess(prefix);
  const sends: number[] = [];
  // Settled as they go: A's callers may fail while Redis is down, before anyone awaits them.
  const settledA = Promise.allSettled(acquireMany(a, credential, 30, sends));
  // A's bookings are all in Redis once the credential's next free slot (the limiter's
  // `{prefix}:next:{credential}` key) lies 2.5 s past Redis's own clock. Read, never booked: a
  // probe that booked would push the horizon further while it waited.
  const observer = createLimiterRedis(server.url);
  clients.push(observer);
  await waitFor(
    async () => {
      const [nextFree, [seconds, micros]] = await Promise.all([
        observer.get(`${prefix}:next:${credential}`),
        observer.time(),
      ]);
      const redisNowMs = Number(seconds) * 1000 + Number(micros) / 1000;
      return nextFree !== null && Number(nextFree) * a.grid.spacingMs - redisNowMs >= 2_500;
    },
    { what: 'A to book 2.5 s ahead' },
  );
  await wipe();
  const [resultsA, resultsB] = await Promise.all([
    settledA,
    Promise.allSettled(acquireMany(b, credential, 30, sends)),
  ]);
  return { a: resultsA, b: resultsB, sends, grid: a.grid };
}

describe('CredentialRateLimiter when Redis loses its keys', () => {
  it('after a FLUSHALL, never hands out a slot a booking from before the wipe still sends in', async () => {
    const { a, b, sends, grid } = await wipeWhileBooked(() => server.flushAll());
    // Redis answered throughout, so every caller got a slot (A's callers re-book in the new epoch).
    expect([...a, ...b].filter((r) => r.status === 'rejected')).toEqual([]);
    const { closestMs, maxPerSlidingSecond } = spacing(sends);
    // Sends on distinct slots are ~105 ms apart (less at most the 25 ms a wake-up may be late);
    // two callers on one slot are a few ms apart.
    expect(closestMs).toBeGreaterThan(grid.spacingMs / 2);
    expect(maxPerSlidingSecond).toBeLessThanOrEqual(10);
  });

  it('after a restart without persistence, the same holds', async () => {
    const { b, sends, grid } = await wipeWhileBooked(() => server.restart());
    // A's callers that asked Redis while it was down failed closed (sent nothing); B waited for it.
    expect(b.filter((r) => r.status === 'rejected')).toEqual([]);
    const { closestMs, maxPerSlidingSecond } = spacing(sends);
    expect(closestMs).toBeGreaterThan(grid.spacingMs / 2);
    expect(maxPerSlidingSecond).toBeLessThanOrEqual(10);
  });
});
