import { startPrivateRedis, waitFor } from '@cohorts/test-harness';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPeriodicJob } from '../src/scheduler/periodic-job';

describe('periodic job after Redis loses its data (own redis-server, FLUSHALL)', () => {
  let ownRedis: Awaited<ReturnType<typeof startPrivateRedis>>;
  let connection: Redis;
  beforeAll(async () => {
    ownRedis = await startPrivateRedis();
    connection = new Redis(ownRedis.url, { maxRetriesPerRequest: null });
  });
  afterAll(async () => {
    connection.disconnect();
    await ownRedis.stop();
  });

  it('re-creates its job scheduler and keeps running without a restart', async () => {
    const prefix = 'cohorts';
    let runs = 0;
    const warnings: string[] = [];
    const logger = pino(
      { level: 'warn' },
      { write: (line: string) => warnings.push(String(JSON.parse(line).msg)) },
    );
    const handle = await startPeriodicJob(
      { connection, prefix, logger },
      {
        queueName: 'periodic-test',
        schedulerId: 'periodic-test-tick',
        everyMs: 300,
        guardIntervalMs: 200,
        run: async () => {
          runs += 1;
          return runs;
        },
      },
    );
    try {
      await waitFor(() => runs >= 2, { what: 'two runs before the flush' });
      await connection.flushall();
      const runsAtFlush = runs;
      // The replica notices the schedule is gone, re-creates it, and runs resume.
      await waitFor(() => warnings.includes('job scheduler was missing from Redis; re-created'), {
        what: 'the job scheduler re-created',
      });
      await waitFor(() => runs >= runsAtFlush + 2, { what: 'two runs after the flush' });
      const queue = new Queue('periodic-test', { connection, prefix });
      expect((await queue.getJobSchedulers()).map((scheduler) => scheduler.key)).toEqual([
        'periodic-test-tick',
      ]);
      await queue.close();
    } finally {
      await handle.close();
    }
  });
});
