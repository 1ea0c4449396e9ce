import { randomUUID } from 'node:crypto';
import { testRedis, uniqueId, uniqueRedisPrefix } from '@cohorts/test-harness';
import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import type { AdIntegration } from '../src/contract/ad-integration';
import { firestoreFor } from '../src/firestore/firebase-app';
import { queueNames, type SyncJobData } from '../src/jobs/catalog';
import { SyncJobService } from '../src/jobs/sync-job-service';
import { AdIntegrationsRepository } from '../src/repositories/ad-integrations-repository';
import { SyncJobsRepository } from '../src/repositories/sync-jobs-repository';
import { SyncScheduler } from '../src/scheduling/sync-scheduler';
import { integrationFixture } from './fixtures';

// A project of its own: the all-users fan-out reads every tenant's integrations (collection group),
// and must see only this file's tenants, not other tests' data in the shared emulator.
const db = firestoreFor(`demo-sched-${randomUUID().slice(0, 8)}`);
const connection = testRedis();
const queue = new Queue<SyncJobData>(queueNames.sync, { connection, prefix: uniqueRedisPrefix('sched') });
const integrations = new AdIntegrationsRepository(db);
const jobs = new SyncJobsRepository(db);
const minutes = (n: number) => n * 60_000;

afterAll(async () => {
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();
});

/** A fresh user's Google integration every 6 h, last synced a day ago: due 10 minutes ago. */
function dueIntegration(overrides: Partial<AdIntegration> = {}, now = Date.now()): AdIntegration {
  return {
    ...integrationFixture(uniqueId('u'), 'google'),
    syncFrequencyMinutes: 360,
    lastSyncedAt: new Date(now - minutes(24 * 60)),
    lastSyncRequestedAt: new Date(now - minutes(24 * 60)),
    nextSyncDueAt: new Date(now - minutes(10)),
    ...overrides,
  };
}

async function link(overrides: Partial<AdIntegration>): Promise<AdIntegration> {
  const integration = dueIntegration(overrides);
  await integrations.save(integration);
  return integration;
}

async function queuedJobIds(): Promise<string[]> {
  const waiting = await queue.getJobs(['wait', 'delayed', 'prioritized', 'active']);
  return waiting.map((job) => job.id ?? '');
}

describe('SyncScheduler.scheduleAllUsers (Firestore emulator + Redis)', () => {
  it('pages through every due integration, enqueues each due one once, and nothing twice when run again', async () => {
    const now = Date.now();
    const due = await Promise.all(Array.from({ length: 6 }, () => link({})));
    const recent = await Promise.all(
      Array.from({ length: 2 }, () =>
        link({ lastSyncedAt: new Date(now - minutes(30)), lastSyncRequestedAt: new Date(now - minutes(30)) }),
      ),
    );
    const off = await link({ autoSyncEnabled: false });
    const reconnect = await link({ reconnectRequired: true });
    const busy = await link({});
    const manual = await new SyncJobService({ db, syncQueue: queue }).enqueue(
      busy.userId,
      'google',
      'manual-sync',
      8,
    );
    // Not yet due: never read by a regular run.
    const notDue = await Promise.all(
      Array.from({ length: 2 }, () => link({ nextSyncDueAt: new Date(now + minutes(60)) })),
    );

    const scheduler = new SyncScheduler({ db, syncQueue: queue, pageSize: 4, concurrency: 3 });
    const first = await scheduler.scheduleAllUsers();
    expect(first).toEqual({
      examined: 11, // 3 pages of 4
      enqueued: 6,
      skipped: { 'synced-recently': 2, 'auto-sync-off': 1, 'reconnect-required': 1, 'live-job': 1 },
      errors: 0,
    });

    const ids = await queuedJobIds();
    expect(ids).toHaveLength(7); // the six scheduled + the manual one
    for (const integration of due) {
      const stored = await integrations.get(integration.userId, 'google');
      expect(stored?.liveSyncJobId).toBeTruthy();
      expect(ids.filter((id) => id === stored?.liveSyncJobId)).toHaveLength(1);
      const job = await jobs.get(integration.userId, stored?.liveSyncJobId ?? '');
      expect(job).toMatchObject({ jobType: 'scheduled-sync', timeframeDays: 8, status: 'queued' });
      expect(stored?.nextSyncDueAt?.getTime()).toBeGreaterThan(now + minutes(300));
      expect(stored?.lastSyncRequestedAt?.getTime()).toBeGreaterThanOrEqual(now);
    }
    for (const integration of [...recent, ...notDue]) {
      const stored = await integrations.get(integration.userId, 'google');
      expect(stored?.liveSyncJobId).toBeNull();
      expect(stored?.nextSyncDueAt?.getTime()).toBeGreaterThan(now);
    }
    expect((await integrations.get(off.userId, 'google'))?.nextSyncDueAt).toBeNull();
    const reconnectStored = await integrations.get(reconnect.userId, 'google');
    expect(reconnectStored?.liveSyncJobId).toBeNull();
    expect(reconnectStored?.nextSyncDueAt?.getTime()).toBeGreaterThan(now + minutes(300));
    const busyStored = await integrations.get(busy.userId, 'google');
    expect(busyStored?.liveSyncJobId).toBe(manual.job.id);
    expect(busyStored?.nextSyncDueAt?.getTime()).toBeGreaterThan(now);

    const second = await scheduler.scheduleAllUsers();
    // Nothing is due any more: the busy one's manual request counts as its latest sync, and the
    // reconnect-required one is looked at again one cadence later.
    expect(second).toEqual({ examined: 0, enqueued: 0, skipped: {}, errors: 0 });
    expect(await queuedJobIds()).toHaveLength(7);
  });
});

describe('SyncScheduler.scheduleUser', () => {
  it('force re-queues a recently synced integration, replacing its own queued scheduled job', async () => {
    const recentMs = Date.now() - minutes(5);
    const integration = await link({
      lastSyncedAt: new Date(recentMs),
      lastSyncRequestedAt: new Date(recentMs),
      nextSyncDueAt: new Date(recentMs + minutes(360)),
      scheduledTimeframeDays: 14,
    });
    const scheduler = new SyncScheduler({ db, syncQueue: queue });

    expect(await scheduler.scheduleUser(integration.userId)).toMatchObject({
      examined: 1,
      enqueued: 0,
      skipped: { 'synced-recently': 1 },
    });

    const forced = await scheduler.scheduleUser(integration.userId, { force: true });
    expect(forced).toMatchObject({ examined: 1, enqueued: 1 });
    const firstId = (await integrations.get(integration.userId, 'google'))?.liveSyncJobId ?? '';
    expect(await jobs.get(integration.userId, firstId)).toMatchObject({
      timeframeDays: 14,
      status: 'queued',
    });

    await scheduler.scheduleUser(integration.userId, { force: true });
    const secondId = (await integrations.get(integration.userId, 'google'))?.liveSyncJobId ?? '';
    expect(secondId).not.toBe(firstId);
    expect((await jobs.get(integration.userId, firstId))?.status).toBe('error');
    expect(await queue.getJob(firstId)).toBeUndefined();
    expect(await queue.getJob(secondId)).toBeDefined();
  });

  it('runs the failure check for every integration it visits with the per-run threshold', async () => {
    const integration = await link({});
    const seen: Array<{ userId: string; threshold: number }> = [];
    const scheduler = new SyncScheduler({
      db,
      syncQueue: queue,
      failureThreshold: 3,
      failureCheck: {
        async checkIntegration(visited, threshold) {
          seen.push({ userId: visited.userId, threshold });
        },
      },
    });
    await scheduler.scheduleUser(integration.userId, { failureThresholdOverride: 7 });
    await scheduler.scheduleUser(integration.userId);
    expect(seen).toEqual([
      { userId: integration.userId, threshold: 7 },
      { userId: integration.userId, threshold: 3 },
    ]);
  });
});

describe('SyncScheduler.scheduleAllUsers in batches', () => {
  it('two overlapping runs over the same due integrations create exactly one job each (the losing batches go the transactional way)', async () => {
    // A project of its own: both runs must see exactly these integrations.
    const own = firestoreFor(`demo-sched-race-${randomUUID().slice(0, 8)}`);
    const ownIntegrations = new AdIntegrationsRepository(own);
    const ownQueue = new Queue<SyncJobData>(queueNames.sync, {
      connection,
      prefix: uniqueRedisPrefix('race'),
    });
    try {
      const now = Date.now();
      const linked = await Promise.all(
        Array.from({ length: 30 }, async () => {
          const integration = dueIntegration({}, now);
          await ownIntegrations.save(integration);
          return integration;
        }),
      );
      const run = () => new SyncScheduler({ db: own, syncQueue: ownQueue, pageSize: 7 }).scheduleAllUsers();
      const [a, b] = await Promise.all([run(), run()]);
      expect(a.errors + b.errors).toBe(0);
      expect(a.enqueued + b.enqueued).toBe(30);
      const documents = await own.collectionGroup('syncJobs').get();
      expect(documents.size).toBe(30);
      const queued = await ownQueue.getJobs(['wait', 'delayed', 'prioritized', 'active']);
      expect(new Set(queued.map((job) => job.id)).size).toBe(30);
      for (const integration of linked) {
        const stored = await ownIntegrations.get(integration.userId, 'google');
        const ofThisOne = documents.docs.filter((doc) => doc.ref.parent.parent?.id === integration.userId);
        expect(ofThisOne.map((doc) => doc.id)).toEqual([stored?.liveSyncJobId]);
      }
    } finally {
      await ownQueue.obliterate({ force: true });
      await ownQueue.close();
      await own.terminate();
    }
  });
});
