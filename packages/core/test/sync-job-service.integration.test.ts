import { testRedis, uniqueId, uniqueRedisPrefix } from '@cohorts/test-harness';
import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { firestoreFor } from '../src/firestore/firebase-app';
import { queueNames, type SyncJobData } from '../src/jobs/catalog';
import { SyncJobService } from '../src/jobs/sync-job-service';
import { AdIntegrationsRepository } from '../src/repositories/ad-integrations-repository';
import { SyncJobsRepository } from '../src/repositories/sync-jobs-repository';
import { integrationFixture } from './fixtures';

const db = firestoreFor(process.env.FIREBASE_PROJECT_ID ?? 'demo-cohorts');
const connection = testRedis();
const queue = new Queue<SyncJobData>(queueNames.sync, { connection, prefix: uniqueRedisPrefix('jobsvc') });
const service = new SyncJobService({ db, syncQueue: queue });
const integrations = new AdIntegrationsRepository(db);
const jobs = new SyncJobsRepository(db);

afterAll(async () => {
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();
});

async function linkedUser(): Promise<string> {
  const userId = uniqueId('u');
  await integrations.save(integrationFixture(userId, 'facebook'));
  return userId;
}

describe('SyncJobService (Firestore emulator + Redis)', () => {
  it('writes the Firestore document and the BullMQ job under the same id', async () => {
    const userId = await linkedUser();
    const result = await service.enqueue(userId, 'facebook', 'initial-backfill', 90);
    expect(result).toMatchObject({ created: true, inQueue: true });
    const bull = await queue.getJob(result.job.id);
    expect(bull?.data).toEqual({ userId, providerId: 'facebook', jobId: result.job.id });
    expect(bull?.opts.attempts).toBe(8);
    expect((await jobs.get(userId, result.job.id))?.status).toBe('queued');
  });

  it('returns the live job for a second request instead of queueing twice', async () => {
    const userId = await linkedUser();
    const first = await service.enqueue(userId, 'facebook', 'scheduled-sync', 8);
    const second = await service.enqueue(userId, 'facebook', 'manual-sync', 8);
    expect(second).toMatchObject({ created: false });
    expect(second.job.id).toBe(first.job.id);
    expect(await queue.getJobCounts('wait', 'delayed', 'prioritized')).toBeTruthy();
  });

  it('with force replaces a queued scheduled job, in Firestore and in the queue', async () => {
    const userId = await linkedUser();
    const scheduled = await service.enqueue(userId, 'facebook', 'scheduled-sync', 8);
    const forced = await service.enqueue(userId, 'facebook', 'manual-sync', 8, { force: true });
    expect(forced.created).toBe(true);
    expect(forced.replaced?.id).toBe(scheduled.job.id);
    expect(await queue.getJob(scheduled.job.id)).toBeUndefined();
    expect(await queue.getJob(forced.job.id)).toBeDefined();
    expect((await jobs.get(userId, scheduled.job.id))?.errorMessage).toBe('replaced by a newer sync request');
  });

  it('cancels a queued job in Firestore and in the queue, and leaves a running one alone', async () => {
    const userId = await linkedUser();
    const queued = await service.enqueue(userId, 'facebook', 'manual-sync', 8);
    const cancelled = await service.cancelQueued(userId, queued.job.id, 'the integration was disconnected');
    expect(cancelled).toMatchObject({ id: queued.job.id, status: 'error' });
    expect((await jobs.get(userId, queued.job.id))?.errorMessage).toBe(
      'cancelled: the integration was disconnected',
    );
    expect(await queue.getJob(queued.job.id)).toBeUndefined();

    const running = await service.enqueue(userId, 'facebook', 'manual-sync', 8);
    await jobs.claim(userId, running.job.id, { workerId: 'w1', now: new Date(), leaseMs: 60_000 });
    expect(await service.cancelQueued(userId, running.job.id, 'the integration was disconnected')).toBeNull();
    expect((await jobs.get(userId, running.job.id))?.status).toBe('running');
    expect(await queue.getJob(running.job.id)).toBeDefined();
  });

  it('keeps the durable record when Redis refuses the job, and says so', async () => {
    const userId = await linkedUser();
    const closedQueue = new Queue<SyncJobData>(queueNames.sync, {
      connection: {
        host: '127.0.0.1',
        port: 1,
        maxRetriesPerRequest: 0,
        enableOfflineQueue: false,
        retryStrategy: () => null,
      },
      prefix: uniqueRedisPrefix('down'),
    });
    closedQueue.on('error', () => {});
    const errors: unknown[] = [];
    const offline = new SyncJobService({ db, syncQueue: closedQueue, onQueueError: (e) => errors.push(e) });
    const result = await offline.enqueue(userId, 'facebook', 'manual-sync', 8);
    expect(result).toMatchObject({ created: true, inQueue: false });
    expect(errors).toHaveLength(1);
    expect((await jobs.get(userId, result.job.id))?.status).toBe('queued');
    await closedQueue.close().catch(() => {});
  });
});
