import { loadWorkerEnv, queueNames } from '@cohorts/core';
import { redisUrl, testRedis, uniqueRedisPrefix, waitFor } from '@cohorts/test-harness';
import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { alertMonitorTickId } from '../src/alerts';
import { startOperations } from '../src/operations';
import { reconcilerTickId } from '../src/reconciler';
import { schedulerTickId } from '../src/scheduler';
import { isolatedFirestore, silentLogger } from './helpers';

const connection = testRedis();
const prefix = uniqueRedisPrefix('ops');

afterAll(async () => {
  for (const name of Object.values(queueNames)) {
    const queue = new Queue(name, { connection, prefix });
    await queue.obliterate({ force: true });
    await queue.close();
  }
  connection.disconnect();
});

describe('startOperations (real Redis + Firestore emulator)', () => {
  it('registers the three job schedulers from validated config, runs each once, and closes cleanly', async () => {
    const env = loadWorkerEnv({
      FIREBASE_PROJECT_ID: 'demo-cohorts',
      TOKEN_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
      OAUTH_STATE_SECRET: 's'.repeat(40),
      REDIS_URL: redisUrl(),
      REDIS_PREFIX: prefix,
      SCHEDULER_TICK_MS: '3600000',
    });
    const operations = await startOperations({ env, db: isolatedFirestore(), logger: silentLogger });
    try {
      const expected = [
        [queueNames.scheduler, schedulerTickId, 3_600_000],
        [queueNames.reconciler, reconcilerTickId, 120_000],
        [queueNames.alerts, alertMonitorTickId, 60_000],
      ] as const;
      for (const [name, id, every] of expected) {
        const queue = new Queue(name, { connection, prefix });
        const scheduler = await queue.getJobScheduler(id);
        expect(scheduler?.every).toBe(every);
        // A new job scheduler fires once at once: each ran its first pass.
        await waitFor(async () => (await queue.getJobCountByTypes('completed')) >= 1, {
          what: `${name} run`,
        });
        expect(await queue.getJobCountByTypes('failed')).toBe(0);
        await queue.close();
      }
    } finally {
      await operations.close();
    }
  });
});
