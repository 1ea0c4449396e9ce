import { loadWorkerEnv, queueNames, SyncJobService, SyncJobsRepository } from '@cohorts/core';
import { redisUrl, uniqueId, waitFor } from '@cohorts/test-harness';
import { type Job, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SyncWorkerHandle, startSyncWorker, syncWorkerOptions } from '../src/sync-worker';
import { silentLogger } from './helpers';
import { type E2eEnvironment, startE2eEnvironment } from './support/e2e-environment';

/**
 * Crashes are simulated in-process: a manual BullMQ worker takes the delivery (and the Firestore
 * claim) and then does nothing, as a SIGKILLed process would; its lock lapses and the stalled check
 * puts the job back. Short timings from the environment make each crash cost a few seconds.
 */
const timing = { WORKER_LOCK_DURATION_MS: '2000', WORKER_STALLED_INTERVAL_MS: '500', SYNC_LEASE_MS: '3000' };

let e2e: E2eEnvironment;
let env: ReturnType<typeof loadWorkerEnv>;
let jobsRepo: SyncJobsRepository;
let service: SyncJobService;
let syncWorker: SyncWorkerHandle | null = null;

beforeAll(async () => {
  e2e = await startE2eEnvironment('crash');
  env = loadWorkerEnv({ ...process.env, ...e2e.workerEnv, ...timing, LOG_LEVEL: 'error' });
  jobsRepo = new SyncJobsRepository(e2e.db);
  service = new SyncJobService({ db: e2e.db, syncQueue: e2e.queue, clock: e2e.clock });
});

afterAll(async () => {
  await syncWorker?.close(1_000);
  await e2e?.close();
});

async function linkedBackfill() {
  const userId = uniqueId('crash-user');
  await e2e.link(userId, 'tiktok');
  const { job } = await service.enqueue(userId, 'tiktok', 'initial-backfill', 30);
  return job;
}

/** A worker that takes deliveries and dies with them (no lock renewal, no Firestore lease renewal). */
function crashingWorker() {
  const address = new URL(redisUrl());
  return new Worker(queueNames.sync, null, {
    connection: { host: address.hostname, port: Number(address.port || 6379) },
    prefix: env.REDIS_PREFIX,
    autorun: false,
    ...syncWorkerOptions(env),
  });
}

async function settledState(jobId: string) {
  return waitFor(
    async () => {
      const state = await (await e2e.queue.getJob(jobId))?.getState();
      return state === 'completed' || state === 'failed' ? state : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 100, what: `BullMQ job ${jobId} to finish` },
  );
}

describe('crashes do not spend the retry budget', () => {
  it('a job whose worker died 5 times (the last holding a live lease) still succeeds, with no attempt spent', async () => {
    const job = await linkedBackfill();
    const crasher = crashingWorker();
    await crasher.startStalledCheckTimer();
    const crashes = 5;
    try {
      for (let crash = 1; crash <= crashes; crash++) {
        const delivery: Job | undefined = await waitFor(
          () => crasher.getNextJob(`dead-${crash}`, { block: false }),
          { timeoutMs: 10_000, intervalMs: 50, what: `delivery ${crash}` },
        );
        expect(delivery?.id).toBe(job.id);
        // The last dead worker's lease is still live when the real worker gets the redelivery.
        const leaseMs = crash === crashes ? 6_000 : 100;
        const claim = await jobsRepo.claim(job.userId, job.id, {
          workerId: `dead-${crash}`,
          now: e2e.clock.now(),
          leaseMs,
        });
        expect(claim.claimed).toBe(true);
        await waitFor(async () => (await e2e.queue.getJob(job.id))?.getState().then((s) => s === 'waiting'), {
          timeoutMs: 10_000,
          intervalMs: 50,
          what: `the stalled check to put delivery ${crash} back`,
        });
      }
    } finally {
      await crasher.close(true);
    }

    syncWorker = await startSyncWorker(env, e2e.db, silentLogger, e2e.clock);
    expect(await settledState(job.id)).toBe('completed');
    const bull = await e2e.queue.getJob(job.id);
    // Neither the crashes nor the redelivery that found the lease held spent an attempt: the one
    // BullMQ counts is the delivery that completed.
    expect(bull?.attemptsMade).toBe(1);
    expect(await jobsRepo.get(job.userId, job.id)).toMatchObject({
      status: 'success',
      attempts: crashes + 1,
      errorMessage: null,
    });
  }, 90_000);

  it('a poison pill (a job claimed 500 times without finishing) ends for good with a message', async () => {
    const job = await linkedBackfill();
    await jobsRepo.ref(job.userId, job.id).update({ attempts: 500 });
    syncWorker ??= await startSyncWorker(env, e2e.db, silentLogger, e2e.clock);
    expect(await settledState(job.id)).toBe('failed');
    expect(await jobsRepo.get(job.userId, job.id)).toMatchObject({
      status: 'error',
      attempts: 501,
      errorMessage: 'sync stopped after 500 claims: its worker was lost each time',
    });
  }, 60_000);
});
