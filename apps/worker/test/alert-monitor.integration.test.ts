import { queueNames, type SyncJobData } from '@cohorts/core';
import { testRedis, uniqueRedisPrefix, waitFor } from '@cohorts/test-harness';
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { type AlertMonitor, startAlertMonitor } from '../src/alerts';
import { silentLogger } from './helpers';
import { startWebhookReceiver } from './webhook-receiver';

const connection = testRedis();
const cleanups: Array<() => Promise<void>> = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  connection.disconnect();
});

async function setup(config: { stuckWaitingMs: number; stuckRunningMs: number }) {
  const prefix = uniqueRedisPrefix('alertmon');
  const receiver = await startWebhookReceiver();
  const syncQueue = new Queue<SyncJobData>(queueNames.sync, { connection, prefix });
  // Two replicas: their checks race, and still one alert per incident.
  const monitors: AlertMonitor[] = [];
  for (let i = 0; i < 2; i += 1) {
    monitors.push(
      await startAlertMonitor({
        connection,
        prefix,
        logger: silentLogger,
        config: {
          checkIntervalMs: 3_600_000,
          failureThreshold: 3,
          webhookUrl: receiver.url,
          webhook: { baseDelayMs: 5, attempts: 4 },
          ...config,
        },
      }),
    );
  }
  cleanups.push(async () => {
    for (const monitor of monitors) await monitor.close();
    for (const name of [queueNames.sync, queueNames.alerts]) {
      const queue = new Queue(name, { connection, prefix });
      await queue.obliterate({ force: true });
      await queue.close();
    }
    await syncQueue.close();
    await receiver.close();
  });
  const checkAll = async () => {
    await Promise.all(monitors.map((monitor) => monitor.checkNow()));
  };
  const ofKind = (kind: string) => receiver.received.filter((payload) => payload.kind === kind);
  return { prefix, receiver, syncQueue, checkAll, ofKind };
}

const data = (jobId: string): SyncJobData => ({ userId: 'u1', providerId: 'google', jobId });

describe('alert monitor (real Redis + local webhook receiver)', () => {
  it('alerts once when the oldest waiting job is past its limit, and once "resolved" when it clears', async () => {
    const { syncQueue, checkAll, ofKind, receiver } = await setup({
      stuckWaitingMs: 30_000,
      stuckRunningMs: 3_600_000,
    });
    const since = Date.now() - 60_000;
    await syncQueue.add('sync', data('stuck-1'), { jobId: 'stuck-1', timestamp: since });
    receiver.state.failNext = 1; // the first delivery fails and is retried
    // The monitors' own first scheduled check races these: wait for the delivery, then check again
    // and see that it stays one alert.
    await waitFor(
      async () => {
        await checkAll();
        return ofKind('queue-stuck-waiting').length > 0;
      },
      { what: 'the stuck-waiting alert' },
    );
    await checkAll();
    expect(ofKind('queue-stuck-waiting')).toHaveLength(1);
    expect(ofKind('queue-stuck-waiting')[0]).toMatchObject({
      status: 'triggered',
      where: { queue: queueNames.sync },
      since: new Date(since).toISOString(),
      details: { waiting: 1, limitMs: 30_000 },
    });

    await syncQueue.remove('stuck-1');
    await waitFor(
      async () => {
        await checkAll();
        return ofKind('queue-stuck-waiting').length > 1;
      },
      { what: 'the resolved alert' },
    );
    await checkAll();
    expect(ofKind('queue-stuck-waiting').map((payload) => payload.status)).toEqual(['triggered', 'resolved']);
  });

  it('alerts on a job running past its limit', async () => {
    const { prefix, syncQueue, checkAll, ofKind } = await setup({
      stuckWaitingMs: 3_600_000,
      stuckRunningMs: 1,
    });
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const worker = new Worker<SyncJobData>(queueNames.sync, () => held, { connection, prefix });
    await syncQueue.add('sync', data('slow-1'), { jobId: 'slow-1' });
    await waitFor(
      async () => {
        await checkAll();
        return ofKind('queue-stuck-running').length > 0;
      },
      { what: 'running-too-long alert' },
    );
    expect(ofKind('queue-stuck-running')).toEqual([
      expect.objectContaining({ status: 'triggered', where: { queue: queueNames.sync, jobId: 'slow-1' } }),
    ]);
    release();
    await waitFor(async () => (await syncQueue.getJobState('slow-1')) === 'completed', { what: 'job done' });
    await checkAll();
    expect(ofKind('queue-stuck-running').map((payload) => payload.status)).toEqual(['triggered', 'resolved']);
    await worker.close();
  });

  it('alerts when sync jobs fail for good repeatedly across the fleet, and resolves after a success', async () => {
    const { prefix, syncQueue, checkAll, ofKind } = await setup({
      stuckWaitingMs: 3_600_000,
      stuckRunningMs: 3_600_000,
    });
    const worker = new Worker<SyncJobData>(
      queueNames.sync,
      async (job) => {
        if (job.data.jobId.startsWith('bad')) {
          throw new UnrecoverableError('Bearer ya29.supersecrettokenvalue1234567890 rejected');
        }
      },
      { connection, prefix },
    );
    for (const id of ['bad-1', 'bad-2', 'bad-3']) {
      await syncQueue.add('sync', data(id), { jobId: id, attempts: 1 });
      await waitFor(async () => (await syncQueue.getJobState(id)) === 'failed', { what: `${id} failed` });
    }
    await checkAll();
    await checkAll();
    expect(ofKind('worker-failures')).toHaveLength(1);
    expect(ofKind('worker-failures')[0]).toMatchObject({
      status: 'triggered',
      details: { consecutiveFinalFailures: 3, threshold: 3 },
    });
    expect(JSON.stringify(ofKind('worker-failures'))).not.toContain('ya29');

    await syncQueue.add('sync', data('good-1'), { jobId: 'good-1' });
    await waitFor(async () => (await syncQueue.getJobState('good-1')) === 'completed', { what: 'success' });
    await checkAll();
    expect(ofKind('worker-failures').map((payload) => payload.status)).toEqual(['triggered', 'resolved']);
    await worker.close();
  });
});
