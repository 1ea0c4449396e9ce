import { type PrivateRedis, startPrivateRedis } from '@cohorts/test-harness';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';

/** A redis-server of the tests' own and a BullMQ-ready connection to it. */
export interface OwnRedis {
  readonly server: PrivateRedis;
  readonly connection: Redis;
}

/**
 * For tests that FLUSHALL: a private redis-server started before the enclosing describe's tests and
 * stopped after them, so the shared Redis of other suites is never wiped. Read it inside tests (or
 * later hooks): before `beforeAll` has run, reading it throws.
 */
export function useOwnRedis(): OwnRedis {
  let started: OwnRedis | undefined;
  beforeAll(async () => {
    const server = await startPrivateRedis();
    started = { server, connection: new Redis(server.url, { maxRetriesPerRequest: null }) };
  });
  afterAll(async () => {
    started?.connection.disconnect();
    await started?.server.stop();
  });
  const get = (): OwnRedis => {
    if (!started) throw new Error('useOwnRedis: read before its beforeAll ran');
    return started;
  };
  return {
    get server() {
      return get().server;
    },
    get connection() {
      return get().connection;
    },
  };
}
