import type { Queue } from 'bullmq';
import type { Firestore } from 'firebase-admin/firestore';
import { type Clock, systemClock } from '../clock/clock';
import type { ProviderId } from '../contract/provider-ids';
import type { SyncJobRecord, SyncJobType } from '../contract/sync-job';
import { SyncJobsRepository } from '../repositories/sync-jobs-repository';
import { type SyncJobData, syncJobOptions } from './catalog';

export const syncJobName = 'sync';

export interface EnqueueOptions {
  /** A forced request replaces a queued scheduled job; it never interrupts a running one. */
  force?: boolean;
}

export interface EnqueueResult {
  job: SyncJobRecord;
  /** False when the integration already had a live job, which is returned instead. */
  created: boolean;
  /** The queued job a forced request replaced, if any. */
  replaced: SyncJobRecord | null;
  /**
   * False when the Firestore record was written but Redis did not take the BullMQ job; the
   * reconciler re-adds it, so the sync still happens.
   */
  inQueue: boolean;
}

export interface SyncJobServiceDeps {
  db: Firestore;
  syncQueue: Queue<SyncJobData>;
  /** Where "now" comes from (default: the system clock). */
  clock?: Clock;
  onQueueError?: (error: unknown, job: SyncJobRecord) => void;
}

/**
 * Enqueue = the Firestore `syncJobs` document first (the durable record; one live job per
 * integration, decided in a transaction), then the BullMQ job under the same id. Used by the web
 * app (manual sync, linking), the scheduler and the reconciler alike.
 */
export class SyncJobService {
  private readonly jobs: SyncJobsRepository;
  private readonly clock: Clock;

  constructor(private readonly deps: SyncJobServiceDeps) {
    this.jobs = new SyncJobsRepository(deps.db);
    this.clock = deps.clock ?? systemClock;
  }

  async enqueue(
    userId: string,
    providerId: ProviderId,
    jobType: SyncJobType,
    timeframeDays: number,
    options: EnqueueOptions = {},
  ): Promise<EnqueueResult> {
    const result = await this.jobs.createUnlessLive(
      userId,
      { providerId, jobType, timeframeDays },
      {
        now: this.clock.now(),
        replaceQueued: options.force ? (live) => live.jobType === 'scheduled-sync' : undefined,
      },
    );
    if (result.replaced) await this.removeFromQueue(result.replaced.id);
    const inQueue = result.created ? await this.addToQueue(result.job) : true;
    return { ...result, inQueue };
  }

  /** Adds the BullMQ job of an existing `queued` document (enqueue's second half; the reconciler's repair). */
  async addToQueue(job: SyncJobRecord): Promise<boolean> {
    try {
      await this.deps.syncQueue.add(
        syncJobName,
        { userId: job.userId, providerId: job.providerId, jobId: job.id },
        { ...syncJobOptions, jobId: job.id },
      );
      return true;
    } catch (error) {
      this.deps.onQueueError?.(error, job);
      return false;
    }
  }

  /** BullMQ jobs for many existing `queued` documents in one call (the scheduler's pages). */
  async addManyToQueue(jobs: readonly SyncJobRecord[]): Promise<boolean> {
    if (jobs.length === 0) return true;
    try {
      await this.deps.syncQueue.addBulk(
        jobs.map((job) => ({
          name: syncJobName,
          data: { userId: job.userId, providerId: job.providerId, jobId: job.id },
          opts: { ...syncJobOptions, jobId: job.id },
        })),
      );
      return true;
    } catch (error) {
      for (const job of jobs) this.deps.onQueueError?.(error, job);
      return false;
    }
  }

  /**
   * Cancels a job that has not started: its record ends `error` with "cancelled: <reason>" and its
   * BullMQ job is removed. A running or finished job is left alone (null): a running sync fails on
   * its own when what it needs is gone.
   */
  async cancelQueued(userId: string, jobId: string, reason: string): Promise<SyncJobRecord | null> {
    const job = await this.jobs.get(userId, jobId);
    if (job?.status !== 'queued') return null;
    const cancelled = await this.jobs.fail(userId, jobId, null, this.clock.now(), `cancelled: ${reason}`);
    await this.removeFromQueue(jobId);
    return cancelled;
  }

  private async removeFromQueue(jobId: string): Promise<void> {
    try {
      await this.deps.syncQueue.remove(jobId);
    } catch {
      // A job that already started or vanished is fine: its Firestore record now says `error`,
      // so a delivery of it claims nothing.
    }
  }
}
