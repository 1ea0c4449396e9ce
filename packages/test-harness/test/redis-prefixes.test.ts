import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { deleteHandedOutRedisPrefixes, testRedis, uniqueRedisPrefix } from '../src/fixtures';

const redis = testRedis();
const bystander = `other-run-${randomUUID().slice(0, 8)}:key`;

afterAll(async () => {
  await redis.unlink(bystander);
  redis.disconnect();
});

describe('Redis prefixes handed out to a test file', () => {
  it('are deleted at teardown with every key under them, and nothing else is', async () => {
    const queue = uniqueRedisPrefix('queue');
    const limiter = uniqueRedisPrefix('limiter');
    // More keys than one SCAN page, so the cursor has to go round.
    const keys = Array.from({ length: 1200 }, (_, i) => `${i % 2 === 0 ? queue : limiter}:k${i}`);
    for (let i = 0; i < keys.length; i += 200) {
      await redis.mset(...keys.slice(i, i + 200).flatMap((key) => [key, '1']));
    }
    await redis.set(bystander, '1');

    expect(await deleteHandedOutRedisPrefixes()).toBe(1200);
    expect(await redis.exists(...keys)).toBe(0);
    expect(await redis.exists(bystander)).toBe(1);
    // Each prefix is forgotten once deleted: nothing left to do the second time.
    expect(await deleteHandedOutRedisPrefixes()).toBe(0);
  });
});
