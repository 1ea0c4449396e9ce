import { AdIntegrationsRepository, queueNames, type ScheduleSummary } from '@cohorts/core';
import { testRedis, uniqueRedisPrefix, waitFor } from '@cohorts/test-harness';
import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { schedulerTickId, startScheduler } from '../src/scheduler';
import { integration, isolatedFirestore, silentLogger } from './helpers';

const connection = testRedis();
const prefix = uniqueRedisPrefix('tick');
const db = isolatedFirestore();

afterAll(async () => {
  for (const name of [queueNames.scheduler, queueNames.sync]) {
    const queue = new Queue(name, { connection, prefix });
    await queue.obliterate({ force: true });
    await queue.close();
  }
  connection.disconnect();
});

describe('scheduler tick (BullMQ job scheduler, real Redis + Firestore emulator)', () => {
  it('runs once per interval with two worker replicas, and enqueues a due integration once', async () => {
    const due = integration();
    await new AdIntegrationsRepository(db).save(due);
    const ticks: Array<{ replica: number; summary: ScheduleSummary }> = [];
    const replicas = await Promise.all(
      [1, 2].map((replica) =>
        startScheduler({
          connection,
          prefix,
          logger: silentLogger,
          db,
          config: { tickMs: 1_000, failureThreshold: 3 },
          onTick: (summary) => ticks.push({ replica, summary }),
        }),
      ),
    );
    try {
      await waitFor(() => ticks.length >= 3, { timeoutMs: 15_000, what: 'three ticks' });
    } finally {
      await Promise.all(replicas.map((replica) => replica.close()));
    }

    const schedulerQueue = new Queue(queueNames.scheduler, { connection, prefix });
    const completed = await schedulerQueue.getJobs(['completed']);
    const schedulers = await schedulerQueue.getJobSchedulers();
    await schedulerQueue.close();
    // One scheduler in Redis despite two upserts, and exactly one run per produced slot.
    expect(schedulers.map((scheduler) => scheduler.key)).toEqual([schedulerTickId]);
    expect(completed).toHaveLength(ticks.length);
    const slots = completed.map((job) => job.id);
    expect(new Set(slots).size).toBe(slots.length);
    const runTimes = completed.map((job) => job.processedOn ?? 0).sort((a, b) => a - b);
    for (let i = 1; i < runTimes.length; i += 1) {
      expect((runTimes[i] ?? 0) - (runTimes[i - 1] ?? 0)).toBeGreaterThan(500);
    }

    // The first tick enqueued the due integration; later ticks found nothing due.
    expect(ticks.map((tick) => tick.summary.enqueued).reduce((a, b) => a + b, 0)).toBe(1);
    const syncQueue = new Queue(queueNames.sync, { connection, prefix });
    expect(await syncQueue.getJobCountByTypes('wait', 'delayed', 'prioritized')).toBe(1);
    await syncQueue.close();
  });
});
