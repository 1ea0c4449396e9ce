import {
  AdIntegrationsRepository,
  type firestoreFor,
  IntegrationNotFoundError,
  redactSecrets,
  type SyncJobData,
  type SyncJobRecord,
  SyncJobService,
  SyncJobsRepository,
  syncRetryPolicy,
} from '@cohorts/core';
import { type Clock, systemClock } from '@cohorts/core/clock';
import type { Queue } from 'bullmq';
import type { Logger } from '../logger';
import { errorMessage } from '../scheduler/start-scheduler';
import { decideReconcile, type QueueJobState, type ReconcileAction } from './decide';

export interface ReconcileSummary {
  examined: number;
  requeued: number;
  released: number;
  settled: number;
  errors: number;
}

export interface ReconcilerOptions {
  db: ReturnType<typeof firestoreFor>;
  syncQueue: Queue<SyncJobData>;
  logger: Logger;
  /** RECONCILER_GRACE_MS */
  graceMs: number;
  pageSize?: number;
  /** Where "now" comes from (default: the system clock). */
  clock?: Clock;
}

const queueJobStates: readonly QueueJobState[] = [
  'waiting',
  'delayed',
  'prioritized',
  'active',
  'waiting-children',
  'completed',
  'failed',
];

/** The reason BullMQ gives a job it failed for stalling more than `maxStalledCount` times. */
const stalledOutReason = 'job stalled more than allowable limit';

function asQueueJobState(state: string, failedReason: string | null): QueueJobState {
  if (state === 'failed' && failedReason === stalledOutReason) return 'stalled-out';
  return queueJobStates.find((known) => known === state) ?? 'gone';
}

/**
 * Keeps Redis consistent with Firestore, the durable record: pages through live `syncJobs`
 * documents and repairs each whose BullMQ job was lost, finished without it, or failed for good.
 */
export class Reconciler {
  private readonly jobs: SyncJobsRepository;
  private readonly integrations: AdIntegrationsRepository;
  private readonly service: SyncJobService;
  private readonly clock: Clock;

  constructor(private readonly options: ReconcilerOptions) {
    this.jobs = new SyncJobsRepository(options.db);
    this.integrations = new AdIntegrationsRepository(options.db);
    this.clock = options.clock ?? systemClock;
    this.service = new SyncJobService({ db: options.db, syncQueue: options.syncQueue, clock: this.clock });
  }

  async runOnce(): Promise<ReconcileSummary> {
    const summary: ReconcileSummary = { examined: 0, requeued: 0, released: 0, settled: 0, errors: 0 };
    for (const status of ['queued', 'running'] as const) {
      let cursor: string | null = null;
      do {
        const page = await this.jobs.pageByStatus(status, { limit: this.options.pageSize ?? 200, cursor });
        for (const job of page.items) {
          summary.examined += 1;
          try {
            const done = await this.reconcile(job);
            if (done !== 'leave') summary[done] += 1;
          } catch (error) {
            summary.errors += 1;
            this.options.logger.warn(
              { jobId: job.id, userId: job.userId, err: errorMessage(error) },
              'reconciling a sync job failed',
            );
          }
        }
        cursor = page.nextCursor;
      } while (cursor);
    }
    return summary;
  }

  private async queueState(jobId: string): Promise<{ state: QueueJobState; failedReason: string | null }> {
    const bull = await this.options.syncQueue.getJob(jobId);
    if (!bull) return { state: 'gone', failedReason: null };
    const state = await bull.getState();
    const failedReason = bull.failedReason ?? null;
    return { state: asQueueJobState(state, failedReason), failedReason };
  }

  private async reconcile(job: SyncJobRecord): Promise<'leave' | 'requeued' | 'released' | 'settled'> {
    const { state, failedReason } = await this.queueState(job.id);
    const options = { graceMs: this.options.graceMs, maxClaims: syncRetryPolicy.maxClaims };
    const planned = decideReconcile(job, state, this.clock.now(), options);
    if (planned.action === 'leave') return 'leave';
    // Re-read the document: a worker may have claimed or finished the job since the page was read.
    const fresh = await this.jobs.get(job.userId, job.id);
    if (!fresh || fresh.status !== job.status || fresh.claimedBy !== job.claimedBy) return 'leave';
    const again = decideReconcile(fresh, state, this.clock.now(), options);
    if (!sameAction(planned, again)) return 'leave';
    return this.apply(fresh, planned, failedReason);
  }

  private async apply(
    job: SyncJobRecord,
    action: Exclude<ReconcileAction, { action: 'leave' }>,
    failedReason: string | null,
  ): Promise<'requeued' | 'released' | 'settled'> {
    const log = this.options.logger;
    if (action.action === 'settle') {
      const message =
        action.reason === 'failed-for-good'
          ? `sync failed for good: ${redactSecrets(failedReason ?? 'no reason recorded').slice(0, 300)}`
          : `sync stopped after ${job.attempts} claims: its worker was lost each time`;
      await this.jobs.fail(job.userId, job.id, null, this.clock.now(), message);
      try {
        await this.integrations.updateSyncStatus(job.userId, job.providerId, {
          lastSyncStatus: 'error',
          lastSyncMessage: message,
        });
      } catch (error) {
        if (!(error instanceof IntegrationNotFoundError)) throw error;
      }
      log.info({ jobId: job.id, userId: job.userId, reason: action.reason }, 'settled a dead sync job');
      return 'settled';
    }
    if (action.removeStale) await this.options.syncQueue.remove(job.id);
    if (action.action === 'release') {
      if (job.claimedBy) await this.jobs.release(job.userId, job.id, job.claimedBy);
      const released = await this.jobs.get(job.userId, job.id);
      if (released) await this.requireQueued(released);
      log.info({ jobId: job.id, userId: job.userId }, 'released an abandoned sync job');
      return 'released';
    }
    await this.requireQueued(job);
    log.info({ jobId: job.id, userId: job.userId }, 're-added a lost sync job to the queue');
    return 'requeued';
  }

  private async requireQueued(job: SyncJobRecord): Promise<void> {
    if (!(await this.service.addToQueue(job))) throw new Error('Redis did not take the job');
  }
}

function sameAction(a: ReconcileAction, b: ReconcileAction): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
