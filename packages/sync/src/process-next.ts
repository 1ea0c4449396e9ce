import { randomUUID } from 'node:crypto';
import { queueNames, syncBackoffType, syncRetryDelayMs } from '@cohorts/core';
import {
  type ConnectionOptions,
  DelayedError,
  type Job,
  UnrecoverableError,
  Worker,
  type WorkerOptions,
} from 'bullmq';
import type { SyncJobOutcome } from './job-lease';
import { createSyncProcessor } from './processor';
import type { SyncEngineDeps } from './services';

/** The worker settings every sync Worker needs: the custom retry backoff core's job options name. */
export const syncWorkerSettings: NonNullable<WorkerOptions['settings']> = {
  backoffStrategy: (attemptsMade: number, type?: string) =>
    type === syncBackoffType ? syncRetryDelayMs(attemptsMade) : 0,
};

export interface ProcessNextDeps extends SyncEngineDeps {
  /** BullMQ connection options for the manual worker (it connects and disconnects per call). */
  connection: ConnectionOptions;
  prefix: string;
  /** How long the job's BullMQ lock lasts; it is extended while the sync runs. */
  lockDurationMs?: number;
}

export type ProcessNextResult =
  | { processed: false }
  | { processed: true; jobId: string; result: 'completed'; outcome: SyncJobOutcome }
  | { processed: true; jobId: string; result: 'delayed' | 'retrying' | 'failed'; error: string };

/**
 * Processes at most one waiting sync job with the same processor as the worker, for serverless
 * cron: a BullMQ Worker in manual mode takes the next job, runs it, and moves it to completed,
 * delayed (rate limit / quota parking: the processor moved it) or failed (BullMQ retries it with
 * the backoff while attempts remain). `{processed: false}` when the queue has nothing waiting.
 */
export async function processNextSyncJob(deps: ProcessNextDeps): Promise<ProcessNextResult> {
  const lockDurationMs = deps.lockDurationMs ?? 30_000;
  const worker = new Worker(queueNames.sync, null, {
    connection: deps.connection,
    prefix: deps.prefix,
    lockDuration: lockDurationMs,
    settings: syncWorkerSettings,
    autorun: false,
  });
  const token = `cron-${deps.workerId}-${randomUUID()}`;
  const processor = createSyncProcessor(deps);
  try {
    const job: Job | undefined = await worker.getNextJob(token, { block: false });
    if (!job?.id) return { processed: false };
    const jobId = job.id;
    // Manual mode renews no lock by itself.
    const lockRenewal = setInterval(
      () => {
        void job.extendLock(token, lockDurationMs).catch(() => undefined);
      },
      Math.floor(lockDurationMs / 2),
    );
    try {
      const outcome = await processor(job, token);
      await job.moveToCompleted(outcome, token, false);
      return { processed: true, jobId, result: 'completed', outcome };
    } catch (error) {
      if (error instanceof DelayedError)
        return { processed: true, jobId, result: 'delayed', error: 'delayed' };
      const failure = error instanceof Error ? error : new Error(String(error));
      await job.moveToFailed(failure, token, false);
      const state = await job.getState();
      const willRetry =
        !(failure instanceof UnrecoverableError) && (state === 'delayed' || state === 'waiting');
      return { processed: true, jobId, result: willRetry ? 'retrying' : 'failed', error: failure.message };
    } finally {
      clearInterval(lockRenewal);
    }
  } finally {
    await worker.close();
  }
}
