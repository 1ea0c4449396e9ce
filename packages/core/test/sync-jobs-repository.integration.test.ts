import { uniqueId } from '@cohorts/test-harness';
import { describe, expect, it } from 'vitest';
import { SyncJobSchema } from '../src/contract/sync-job';
import { firestoreFor } from '../src/firestore/firebase-app';
import {
  AdIntegrationsRepository,
  IntegrationNotFoundError,
} from '../src/repositories/ad-integrations-repository';
import {
  type ClaimResult,
  isStaleBatchError,
  LostClaimError,
  SyncJobsRepository,
} from '../src/repositories/sync-jobs-repository';
import { integrationFixture } from './fixtures';

const db = firestoreFor(process.env.FIREBASE_PROJECT_ID ?? 'demo-cohorts');
const jobs = new SyncJobsRepository(db);
const integrations = new AdIntegrationsRepository(db);

async function linkedUser(providerId: 'google' | 'facebook' = 'google'): Promise<string> {
  const userId = uniqueId('u');
  await integrations.save(integrationFixture(userId, providerId));
  return userId;
}

const backfill = { providerId: 'google', jobType: 'initial-backfill', timeframeDays: 90 } as const;

describe('SyncJobsRepository (Firestore emulator)', () => {
  it('creates a queued job that round-trips, and points the integration at it', async () => {
    const userId = await linkedUser();
    const now = new Date('2026-11-25T08:00:00.5Z');
    const { job, created } = await jobs.createUnlessLive(userId, backfill, { now });
    expect(created).toBe(true);
    expect(job.status).toBe('queued');
    const read = await jobs.get(userId, job.id);
    expect(read).toEqual(job);
    expect(SyncJobSchema.parse(read)).toBeTruthy();
    const integration = await integrations.get(userId, 'google');
    expect(integration?.liveSyncJobId).toBe(job.id);
    expect(integration?.lastSyncRequestedAt).toEqual(now);
  });

  it('returns the live job instead of queueing a second, even when requests race', async () => {
    const userId = await linkedUser();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => jobs.createUnlessLive(userId, backfill, { now: new Date() })),
    );
    const ids = new Set(results.map((r) => r.job.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect((await jobs.listRecent(userId)).length).toBe(1);
  });

  it('lets a forced request replace a queued job, but never a running one', async () => {
    const userId = await linkedUser();
    const first = await jobs.createUnlessLive(
      userId,
      { ...backfill, jobType: 'scheduled-sync' },
      { now: new Date() },
    );
    const forced = await jobs.createUnlessLive(
      userId,
      { ...backfill, jobType: 'manual-sync' },
      { now: new Date(), replaceQueued: (live) => live.jobType === 'scheduled-sync' },
    );
    expect(forced.created).toBe(true);
    expect(forced.replaced?.id).toBe(first.job.id);
    expect((await jobs.get(userId, first.job.id))?.status).toBe('error');

    await jobs.claim(userId, forced.job.id, { workerId: 'w1', now: new Date(), leaseMs: 60_000 });
    const again = await jobs.createUnlessLive(
      userId,
      { ...backfill, jobType: 'manual-sync' },
      { now: new Date(), replaceQueued: () => true },
    );
    expect(again).toMatchObject({ created: false, replaced: null });
    expect(again.job.id).toBe(forced.job.id);
  });

  it('creates a batch of jobs only while every integration is as read; one changed in between refuses the whole batch', async () => {
    const now = new Date('2026-11-25T08:00:00Z');
    const due = new Date('2026-11-25T14:00:00Z');
    const [first, second] = [await linkedUser(), await linkedUser()];
    const asRead = async (userId: string) => {
      const snapshot = await integrations.ref(userId, 'google').get();
      if (!snapshot.updateTime) throw new Error('no update time');
      return {
        userId,
        job: { providerId: 'google', jobType: 'scheduled-sync', timeframeDays: 8 } as const,
        integrationUpdateTime: snapshot.updateTime,
        nextSyncDueAt: due,
      };
    };
    const created = await jobs.createManyIfUnchanged([await asRead(first), await asRead(second)], now);
    expect(created.map((job) => job.userId)).toEqual([first, second]);
    expect((await integrations.get(first, 'google'))?.liveSyncJobId).toBe(created[0]?.id);
    expect((await integrations.get(second, 'google'))?.nextSyncDueAt).toEqual(due);

    const [third, fourth] = [await linkedUser(), await linkedUser()];
    const plans = [await asRead(third), await asRead(fourth)];
    // Another request enqueues for the fourth after the read: the batch must not give it a second live job.
    const manual = await jobs.createUnlessLive(fourth, { ...backfill, jobType: 'manual-sync' }, { now });
    const refused = await jobs.createManyIfUnchanged(plans, now).catch((error: unknown) => error);
    expect(isStaleBatchError(refused)).toBe(true);
    expect((await integrations.get(third, 'google'))?.liveSyncJobId).toBeNull();
    expect((await integrations.get(fourth, 'google'))?.liveSyncJobId).toBe(manual.job.id);
    expect((await jobs.listRecent(third, 10)).length).toBe(0);
    expect((await jobs.listRecent(fourth, 10)).map((job) => job.id)).toEqual([manual.job.id]);
  });

  it('refuses to queue a job for an integration that is not linked', async () => {
    await expect(jobs.createUnlessLive(uniqueId('nobody'), backfill, { now: new Date() })).rejects.toThrow(
      IntegrationNotFoundError,
    );
  });

  it('lets exactly one of 24 concurrent claims win, and tells the others why', async () => {
    const userId = await linkedUser();
    const { job } = await jobs.createUnlessLive(userId, backfill, { now: new Date() });
    const now = new Date();
    const results: ClaimResult[] = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        jobs.claim(userId, job.id, { workerId: `w${i}`, now, leaseMs: 60_000 }),
      ),
    );
    const winners = results.filter((r) => r.claimed);
    expect(winners).toHaveLength(1);
    const losers = results.filter((r) => !r.claimed);
    expect(losers).toHaveLength(23);
    for (const loser of losers) expect(loser).toMatchObject({ claimed: false, reason: 'running-elsewhere' });
    const stored = await jobs.get(userId, job.id);
    expect(stored?.status).toBe('running');
    expect(stored?.attempts).toBe(1);
    const winner = winners[0];
    expect(winner?.claimed && stored?.claimedBy === winner.job.claimedBy).toBe(true);
  });

  it('refuses finished and unknown jobs, and takes over a lapsed lease', async () => {
    const userId = await linkedUser();
    const { job } = await jobs.createUnlessLive(userId, backfill, { now: new Date() });
    const t0 = new Date('2026-11-25T00:00:00Z');
    expect((await jobs.claim(userId, job.id, { workerId: 'a', now: t0, leaseMs: 30_000 })).claimed).toBe(
      true,
    );
    const later = new Date(t0.getTime() + 31_000);
    const takeover = await jobs.claim(userId, job.id, { workerId: 'b', now: later, leaseMs: 30_000 });
    expect(takeover.claimed).toBe(true);
    expect(takeover.claimed && takeover.job.attempts).toBe(2);
    // The worker whose lease lapsed can no longer finish the job.
    await expect(jobs.complete(userId, job.id, 'a', new Date())).rejects.toThrow(LostClaimError);
    const done = await jobs.complete(userId, job.id, 'b', new Date());
    expect(done.status).toBe('success');
    expect((await integrations.get(userId, 'google'))?.liveSyncJobId).toBeNull();
    expect(await jobs.claim(userId, job.id, { workerId: 'c', now: new Date(), leaseMs: 1 })).toEqual({
      claimed: false,
      reason: 'finished',
      status: 'success',
    });
    expect(await jobs.claim(userId, 'missing-job', { workerId: 'c', now: new Date(), leaseMs: 1 })).toEqual({
      claimed: false,
      reason: 'not-found',
    });
  });

  it('records failure, release, progress and finds the live job', async () => {
    const userId = await linkedUser();
    const { job } = await jobs.createUnlessLive(userId, backfill, { now: new Date() });
    expect((await integrations.get(userId, 'google'))?.liveSyncJobId).toBe(job.id);
    await jobs.claim(userId, job.id, { workerId: 'w', now: new Date(), leaseMs: 60_000 });
    await jobs.updateProgress(userId, job.id, 'w', {
      accountsDone: 1,
      accountsTotal: 3,
      daysDone: 30,
      daysTotal: 90,
    });
    await jobs.release(userId, job.id, 'w');
    expect(await jobs.get(userId, job.id)).toMatchObject({
      status: 'queued',
      claimedBy: null,
      progress: { daysDone: 30 },
    });
    await jobs.claim(userId, job.id, { workerId: 'w2', now: new Date(), leaseMs: 60_000 });
    const failed = await jobs.fail(userId, job.id, 'w2', new Date(), 'Meta: reconnect needed');
    expect(failed).toMatchObject({ status: 'error', errorMessage: 'Meta: reconnect needed' });
    expect((await integrations.get(userId, 'google'))?.liveSyncJobId).toBeNull();
  });

  it('ends a job it claimed (job and integration read at once) and one another instance claimed', async () => {
    const userId = await linkedUser('facebook');
    const meta = { ...backfill, providerId: 'facebook' } as const;
    const other = new SyncJobsRepository(db);
    const first = (await jobs.createUnlessLive(userId, meta, { now: new Date() })).job;
    await jobs.claim(userId, first.id, { workerId: 'w', now: new Date(), leaseMs: 60_000 });
    expect(await jobs.complete(userId, first.id, 'w', new Date())).toMatchObject({ status: 'success' });
    expect((await integrations.get(userId, 'facebook'))?.liveSyncJobId).toBeNull();

    const second = (await jobs.createUnlessLive(userId, meta, { now: new Date() })).job;
    await other.claim(userId, second.id, { workerId: 'w2', now: new Date(), leaseMs: 60_000 });
    expect(await jobs.fail(userId, second.id, 'w2', new Date(), 'x')).toMatchObject({ status: 'error' });
    expect((await integrations.get(userId, 'facebook'))?.liveSyncJobId).toBeNull();

    // Claimed here, then taken over elsewhere after the lease lapsed: this worker can no longer end it.
    const third = (await jobs.createUnlessLive(userId, meta, { now: new Date() })).job;
    const t0 = new Date('2026-11-25T00:00:00Z');
    await jobs.claim(userId, third.id, { workerId: 'a', now: t0, leaseMs: 1_000 });
    await other.claim(userId, third.id, {
      workerId: 'b',
      now: new Date(t0.getTime() + 2_000),
      leaseMs: 60_000,
    });
    await expect(jobs.complete(userId, third.id, 'a', new Date())).rejects.toThrow(LostClaimError);
    expect((await integrations.get(userId, 'facebook'))?.liveSyncJobId).toBe(third.id);
    expect(await other.complete(userId, third.id, 'b', new Date())).toMatchObject({ status: 'success' });
    expect((await integrations.get(userId, 'facebook'))?.liveSyncJobId).toBeNull();
  });
});
