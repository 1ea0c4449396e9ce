import { waitFor } from '@cohorts/test-harness';
import { Queue } from 'bullmq';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { startPeriodicJob } from '../src/scheduler/periodic-job';
import { useOwnRedis } from './support/private-redis';

describe('periodic job after Redis loses its data (own redis-server, FLUSHALL)', () => {
  const own = useOwnRedis();

  it('re-creates its job scheduler and keeps running without a restart', async () => {
    const prefix = 'cohorts';
    let runs = 0;
    const warnings: string[] = [];
    const logger = pino(
      { level: 'warn' },
      { write: (line: string) => warnings.push(String(JSON.parse(line).msg)) },
    );
    const handle = await startPeriodicJob(
      { connection: own.connection, prefix, logger },
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
      await own.connection.flushall();
      const runsAtFlush = runs;
      // The replica notices the schedule is gone, re-creates it, and runs resume.
      await waitFor(() => warnings.includes('job scheduler was missing from Redis; re-created'), {
        what: 'the job scheduler re-created',
      });
      await waitFor(() => runs >= runsAtFlush + 2, { what: 'two runs after the flush' });
      const queue = new Queue('periodic-test', { connection: own.connection, prefix });
      expect((await queue.getJobSchedulers()).map((scheduler) => scheduler.key)).toEqual([
        'periodic-test-tick',
      ]);
      await queue.close();
    } finally {
      await handle.close();
    }
  });
});
