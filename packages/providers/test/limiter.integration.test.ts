import { sandboxControl } from '@cohorts/sandbox';
import { uniqueId, uniqueRedisPrefix } from '@cohorts/test-harness';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CredentialBusyError,
  CredentialRateLimiter,
  LimiterUnavailableError,
} from '../src/http/credential-limiter';
import { googleAdsApiVersion } from '../src/platforms/google/config';
import { hammer } from './support/hammer';
import { linkThroughConsent, sandboxConnectors, startTestSandbox } from './support/sandbox';

interface MeterResponse {
  credentials: Array<{
    accessTokens: string[];
    total: number;
    maxPerCalendarSecond: number;
    maxPerSlidingSecond: number;
    secondsAbove10: Array<{ second: number; count: number }>;
  }>;
}

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
afterAll(() => redis.disconnect());

describe('CredentialRateLimiter against real Redis', () => {
  it('holds 10 req/s at the sandbox meter across 3 OS processes while achieving at least 9 req/s', async () => {
    const sandbox = await startTestSandbox();
    try {
      const google = sandboxConnectors(sandbox, redis).google;
      const { credentialId, tokens } = await linkThroughConsent(google);
      const durationMs = 8000;
      const { startAt, outputs } = await hammer({
        processes: 3,
        concurrency: 4,
        durationMs,
        redisUrl,
        prefix: uniqueRedisPrefix('limiter'),
        credential: credentialId,
        // A real Google Ads API call, metered by the sandbox per grant.
        url: `${sandbox.url}/googleads.googleapis.com/${googleAdsApiVersion}/customers:listAccessibleCustomers`,
        headers: { authorization: `Bearer ${tokens.accessToken}`, 'developer-token': 'dev-token' },
        warmupUrl: `${sandbox.url}/__sandbox/health`,
      });
      const sends = outputs.flatMap((o) => o.sends);
      expect(outputs.every((o) => o.sends.length > 0 && o.errors === 0)).toBe(true);
      expect(Math.min(...sends)).toBeGreaterThanOrEqual(startAt);

      const { credentials } = await sandboxControl<MeterResponse>(sandbox.url, 'meter');
      const meter = credentials.find((entry) => entry.accessTokens.includes(tokens.accessToken));
      expect(meter?.total).toBe(sends.length);
      expect(meter?.secondsAbove10).toEqual([]);
      expect(meter?.maxPerCalendarSecond).toBeLessThanOrEqual(10);
      expect(meter?.maxPerSlidingSecond).toBeLessThanOrEqual(10);
      expect((meter?.total ?? 0) / (durationMs / 1000)).toBeGreaterThanOrEqual(9);
    } finally {
      await sandbox.close();
    }
  });

  it('keeps credentials apart', async () => {
    const limiter = new CredentialRateLimiter({ redis, keyPrefix: uniqueRedisPrefix('limiter') });
    const started = Date.now();
    await Promise.all(Array.from({ length: 5 }, (_, i) => limiter.acquire(`cred-${i}`)));
    // Five different credentials each get their first slot in the same window, not one after another.
    expect(Date.now() - started).toBeLessThan(400);
  });

  it('pauses a credential everywhere on a platform hint, and says how long when the caller cannot wait', async () => {
    const prefix = uniqueRedisPrefix('limiter');
    const credential = uniqueId('cred');
    const a = new CredentialRateLimiter({ redis, keyPrefix: prefix, maxWaitMs: 1000 });
    const b = new CredentialRateLimiter({ redis, keyPrefix: prefix, maxWaitMs: 1000 });
    await a.pause(credential, 5000);
    expect(await b.pausedForMs(credential)).toBeGreaterThan(4000);
    const error = await b.acquire(credential).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialBusyError);
    expect((error as CredentialBusyError).retryAfterMs).toBeGreaterThan(4000);
    // A shorter hint never shortens a longer pause.
    await a.pause(credential, 1000);
    expect(await b.pausedForMs(credential)).toBeGreaterThan(3000);
  });

  it('gives up with CredentialBusyError when the schedule is full beyond the wait', async () => {
    const limiter = new CredentialRateLimiter({
      redis,
      keyPrefix: uniqueRedisPrefix('limiter'),
      maxWaitMs: 300,
    });
    const credential = uniqueId('cred');
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => limiter.acquire(credential)));
    const busy = results.filter((r) => r.status === 'rejected' && r.reason instanceof CredentialBusyError);
    expect(results.filter((r) => r.status === 'fulfilled').length).toBeLessThanOrEqual(4);
    expect(busy.length).toBeGreaterThanOrEqual(8);
  });

  it('fails closed with LimiterUnavailableError when Redis is unreachable', async () => {
    const down = new Redis('redis://127.0.0.1:1', {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      lazyConnect: true,
      retryStrategy: () => null,
    });
    down.on('error', () => {});
    const limiter = new CredentialRateLimiter({ redis: down, keyPrefix: uniqueRedisPrefix('limiter') });
    await expect(limiter.acquire('cred')).rejects.toBeInstanceOf(LimiterUnavailableError);
    down.disconnect();
  });

  it('stops waiting when the caller aborts', async () => {
    const limiter = new CredentialRateLimiter({ redis, keyPrefix: uniqueRedisPrefix('limiter') });
    const credential = uniqueId('cred');
    await limiter.pause(credential, 3000);
    const controller = new AbortController();
    const pending = limiter.acquire(credential, controller.signal);
    controller.abort(new Error('cancelled by test'));
    await expect(pending).rejects.toThrow('cancelled by test');
  });
});
