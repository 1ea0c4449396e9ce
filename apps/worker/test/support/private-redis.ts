import { type PrivateRedis, startPrivateRedis } from '@cohorts/test-harness';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';

/** A redis-server of the tests' own and a BullMQ-ready connection to it. */
export interface OwnRedis {
  server: PrivateRedis;
  connection: Redis;
}

/**
 * For tests that FLUSHALL: a private redis-server started before the enclosing describe's tests and
 * stopped after them, so the shared Redis of other suites is never wiped. Set once `beforeAll` has run.
 */
export function useOwnRedis(): OwnRedis {
  // Filled in by beforeAll, before any test reads it.
  const own = {} as OwnRedis;
  beforeAll(async () => {
    own.server = await startPrivateRedis();
    own.connection = new Redis(own.server.url, { maxRetriesPerRequest: null });
  });
  afterAll(async () => {
    own.connection?.disconnect();
    await own.server?.stop();
  });
  return own;
}
