import { testRedis, uniqueRedisPrefix, waitFor } from '@cohorts/test-harness';
import { afterAll, describe, expect, it } from 'vitest';
import { newOAuthNonce, OAuthNonceStore } from '../src/oauth';

const redis = testRedis();
const prefix = uniqueRedisPrefix('oauth');
const store = new OAuthNonceStore(redis, prefix);
const link = { uid: 'user-a', providerId: 'google' as const, codeVerifier: 'v'.repeat(43) };

afterAll(() => redis.quit());

describe('OAuthNonceStore (real Redis)', () => {
  it('hands a pending link out exactly once, even to concurrent callbacks', async () => {
    const nonce = newOAuthNonce();
    expect(await store.remember(nonce, link, 60_000)).toBe(true);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => store.consume(nonce, { uid: 'user-a', providerId: 'google' })),
    );
    expect(results.filter((r) => r !== null)).toEqual([link]);
  });

  it('refuses to reuse a nonce that is still pending', async () => {
    const nonce = newOAuthNonce();
    expect(await store.remember(nonce, link, 60_000)).toBe(true);
    expect(await store.remember(nonce, { ...link, uid: 'user-b' }, 60_000)).toBe(false);
    expect(await store.consume(nonce, { uid: 'user-a', providerId: 'google' })).toEqual(link);
  });

  it('gives nothing for another user or platform, and the nonce is spent anyway', async () => {
    const nonce = newOAuthNonce();
    await store.remember(nonce, link, 60_000);
    expect(await store.consume(nonce, { uid: 'user-b', providerId: 'google' })).toBeNull();
    expect(await store.consume(nonce, { uid: 'user-a', providerId: 'google' })).toBeNull();
  });

  it('forgets a pending link when its time is up', async () => {
    const nonce = newOAuthNonce();
    expect(await store.remember(nonce, link, 50)).toBe(true);
    const key = `${prefix}:oauth-nonce:${nonce}`;
    expect(await redis.pttl(key)).toBeGreaterThan(0);
    await waitFor(async () => (await redis.exists(key)) === 0, {
      timeoutMs: 5_000,
      what: 'the nonce to expire',
    });
    expect(await store.consume(nonce, { uid: 'user-a', providerId: 'google' })).toBeNull();
  });
});
