import {
  AdIntegrationsRepository,
  queueNames,
  type SyncJobData,
  SyncJobDataSchema,
  SyncJobService,
  SyncJobsRepository,
} from '@cohorts/core';
import { testRedis, uniqueRedisPrefix, waitFor } from '@cohorts/test-harness';
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { Reconciler } from '../src/reconciler';
import { integration, isolatedFirestore, silentLogger } from './helpers';
import { useOwnRedis } from './support/private-redis';

/** A stand-in sync processor: claims the Firestore job and completes it (the real one is sync-engine's). */
function trivialSyncWorker(db: ReturnType<typeof isolatedFirestore>, connection: Redis, prefix: string) {
  const jobs = new SyncJobsRepository(db);
  return new Worker<SyncJobData>(
    queueNames.sync,
    async (bullJob) => {
      const { userId, jobId } = SyncJobDataSchema.parse(bullJob.data);
      const claim = await jobs.claim(userId, jobId, {
        workerId: 'trivial',
        now: new Date(),
        leaseMs: 60_000,
      });
      if (claim.claimed) await jobs.complete(userId, jobId, 'trivial', new Date());
    },
    { connection, prefix, concurrency: 1 },
  );
}

async function linkAndEnqueue(
  db: ReturnType<typeof isolatedFirestore>,
  service: SyncJobService,
  count: number,
) {
  const integrations = new AdIntegrationsRepository(db);
  const created: Array<{ userId: string; jobId: string }> = [];
  for (let i = 0; i < count; i += 1) {
    const linked = integration();
    await integrations.save(linked);
    const result = await service.enqueue(linked.userId, 'google', 'scheduled-sync', 8);
    created.push({ userId: linked.userId, jobId: result.job.id });
  }
  return created;
}

describe('reconciler after Redis loses its data (own redis-server, FLUSHALL)', () => {
  const own = useOwnRedis();

  it('re-adds the BullMQ jobs of documents left queued and of an abandoned running one; all then finish', async () => {
    const db = isolatedFirestore();
    const prefix = 'cohorts';
    const syncQueue = new Queue<SyncJobData>(queueNames.sync, { connection: own.connection, prefix });
    const service = new SyncJobService({ db, syncQueue });
    const jobs = new SyncJobsRepository(db);
    const created = await linkAndEnqueue(db, service, 6);

    // A worker runs part of the backlog, then Redis loses everything mid-run.
    const worker = trivialSyncWorker(db, own.connection, prefix);
    let completed = 0;
    await waitFor(
      async () => {
        completed = (await Promise.all(created.map((c) => jobs.get(c.userId, c.jobId)))).filter(
          (job) => job?.status === 'success',
        ).length;
        return completed >= 2;
      },
      { what: 'two syncs done' },
    );
    await worker.pause();
    // One more job was mid-sync on a worker that died: running, lease lapsed.
    const [abandoned] = await linkAndEnqueue(db, service, 1);
    if (!abandoned) throw new Error('no job');
    await jobs.claim(abandoned.userId, abandoned.jobId, {
      workerId: 'dead-worker',
      now: new Date(Date.now() - 3_600_000),
      leaseMs: 60_000,
    });
    await own.connection.flushall();

    const stillQueued = (await Promise.all(created.map((c) => jobs.get(c.userId, c.jobId)))).filter(
      (job) => job?.status === 'queued',
    );
    expect(stillQueued.length).toBeGreaterThan(0);
    for (const job of stillQueued) expect(await syncQueue.getJob(job?.id ?? '')).toBeUndefined();

    const reconciler = new Reconciler({ db, syncQueue, logger: silentLogger, graceMs: 0 });
    const summary = await reconciler.runOnce();
    expect(summary).toEqual({
      examined: stillQueued.length + 1,
      requeued: stillQueued.length,
      released: 1,
      settled: 0,
      errors: 0,
    });
    for (const job of stillQueued) expect(await syncQueue.getJob(job?.id ?? '')).toBeDefined();
    expect(await syncQueue.getJob(abandoned.jobId)).toBeDefined();
    expect((await jobs.get(abandoned.userId, abandoned.jobId))?.status).toBe('queued');

    // Running it again changes nothing: the jobs are in Redis now.
    expect(await reconciler.runOnce()).toMatchObject({ requeued: 0, released: 0, settled: 0 });

    await worker.resume();
    const all = [...created, abandoned];
    await waitFor(
      async () =>
        (await Promise.all(all.map((c) => jobs.get(c.userId, c.jobId)))).every(
          (job) => job?.status === 'success',
        ),
      { timeoutMs: 20_000, what: 'every sync done' },
    );
    await worker.close();
    await syncQueue.close();
  });
});

describe('reconciler settling (shared Redis, own prefix)', () => {
  const connection = testRedis();
  const prefix = uniqueRedisPrefix('recon');
  const syncQueue = new Queue<SyncJobData>(queueNames.sync, { connection, prefix });
  afterAll(async () => {
    await syncQueue.obliterate({ force: true });
    await syncQueue.close();
    connection.disconnect();
  });

  it('marks a document error when its BullMQ job failed for good, and leaves one in flight alone', async () => {
    const db = isolatedFirestore();
    const service = new SyncJobService({ db, syncQueue });
    const jobs = new SyncJobsRepository(db);
    const integrations = new AdIntegrationsRepository(db);
    const [doomed, inFlight] = await linkAndEnqueue(db, service, 2);
    if (!doomed || !inFlight) throw new Error('no jobs');

    // A processor that fails the first job for good without touching Firestore (a worker that died
    // between BullMQ's failure and the Firestore write), and holds the second one in flight.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const worker = new Worker<SyncJobData>(
      queueNames.sync,
      async (bullJob) => {
        const data = SyncJobDataSchema.parse(bullJob.data);
        if (data.jobId === doomed.jobId)
          throw new UnrecoverableError('platform said 400 (access_token=abc123)');
        // In flight, with a Firestore lease that has lapsed: BullMQ still holds the job.
        await jobs.claim(data.userId, data.jobId, {
          workerId: 'slow',
          now: new Date(Date.now() - 3_600_000),
          leaseMs: 60_000,
        });
        await held;
      },
      { connection, prefix, concurrency: 2 },
    );
    await waitFor(async () => (await syncQueue.getJobState(doomed.jobId)) === 'failed', {
      what: 'failed job',
    });
    await waitFor(async () => (await jobs.get(inFlight.userId, inFlight.jobId))?.status === 'running', {
      what: 'running job',
    });

    const summary = await new Reconciler({ db, syncQueue, logger: silentLogger, graceMs: 0 }).runOnce();
    expect(summary).toMatchObject({ settled: 1, requeued: 0, released: 0, errors: 0 });

    const settled = await jobs.get(doomed.userId, doomed.jobId);
    expect(settled?.status).toBe('error');
    expect(settled?.errorMessage).toContain('platform said 400');
    expect(settled?.errorMessage).not.toContain('abc123');
    const stored = await integrations.get(doomed.userId, 'google');
    expect(stored).toMatchObject({ lastSyncStatus: 'error', liveSyncJobId: null });
    expect(stored?.lastSyncMessage).toContain('sync failed for good');

    expect((await jobs.get(inFlight.userId, inFlight.jobId))?.status).toBe('running');
    expect(await syncQueue.getJobState(inFlight.jobId)).toBe('active');
    release();
    await worker.close();
  });
});
