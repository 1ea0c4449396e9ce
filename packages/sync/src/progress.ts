import type { SyncJobProgress, SyncJobRecord } from '@cohorts/core/contract';
import type { Job } from 'bullmq';
import { errorMessage } from './log';
import type { SyncServices } from './services';

/** Progress as reported on the BullMQ job (`job.progress`). */
export interface SyncJobProgressReport extends SyncJobProgress {
  jobId: string;
}

/** How often progress is written while a fetch runs. */
export const progressIntervalMs = 500;

export interface ProgressReporter {
  /** A connector's report for one account; written at most every `progressIntervalMs`. */
  onProgress(update: { accountId: string; daysDone: number; daysTotal: number }): void;
  /** Marks every account done, writes that, and waits for all writes. */
  flush(): Promise<void>;
}

/**
 * Counts accounts and days done and hands the totals to `write`, one write at a time; a failed
 * write is given to `onWriteError` (progress is advisory: it never fails the sync).
 */
export function progressCounter(
  accounts: readonly { accountId: string; days: number }[],
  write: (progress: SyncJobProgress) => Promise<void>,
  onWriteError: (error: unknown) => void,
): ProgressReporter {
  const daysByAccount = new Map(accounts.map((a) => [a.accountId, 0]));
  const totals = new Map(accounts.map((a) => [a.accountId, a.days]));
  const daysTotal = accounts.reduce((sum, a) => sum + a.days, 0);
  let lastWrite = Number.NEGATIVE_INFINITY;
  let chain: Promise<void> = Promise.resolve();
  const snapshot = (): SyncJobProgress => {
    let daysDone = 0;
    let accountsDone = 0;
    for (const [accountId, done] of daysByAccount) {
      const total = totals.get(accountId) ?? 0;
      daysDone += Math.min(done, total);
      if (done >= total) accountsDone++;
    }
    return { accountsDone, accountsTotal: accounts.length, daysDone, daysTotal };
  };
  const queueWrite = () => {
    const progress = snapshot();
    chain = chain.then(() => write(progress)).catch(onWriteError);
  };
  return {
    onProgress(update) {
      daysByAccount.set(
        update.accountId,
        Math.max(daysByAccount.get(update.accountId) ?? 0, update.daysDone),
      );
      const at = performance.now(); // a throttle: elapsed time, not the calendar
      if (at - lastWrite >= progressIntervalMs) {
        lastWrite = at;
        queueWrite();
      }
    },
    async flush() {
      for (const [accountId, total] of totals)
        daysByAccount.set(accountId, Math.max(daysByAccount.get(accountId) ?? 0, total));
      queueWrite();
      await chain;
    },
  };
}

/** Reports accounts and days done on the BullMQ job and (throttled) on the Firestore job. */
export function progressReporter(
  services: SyncServices,
  job: Job,
  record: SyncJobRecord,
  accounts: readonly { accountId: string; days: number }[],
): ProgressReporter {
  return progressCounter(
    accounts,
    async (progress) => {
      await job.updateProgress({ ...progress, jobId: record.id } satisfies SyncJobProgressReport);
      await services.jobs.updateProgress(record.userId, record.id, services.workerId, progress);
    },
    (error) => services.logger.warn({ jobId: record.id, err: errorMessage(error) }, 'progress report failed'),
  );
}
