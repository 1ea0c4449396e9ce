import type { SyncJobsRepository } from '@cohorts/core';
import { keyedSerialQueue } from './serial-writes';

/** The job-document writes of this process, one at a time per job (see keyedSerialQueue). */
export function serialJobWrites(repository: SyncJobsRepository) {
  const serially = keyedSerialQueue();
  return {
    claim: (...a: Parameters<SyncJobsRepository['claim']>) => serially(a[1], () => repository.claim(...a)),
    renewLease: (...a: Parameters<SyncJobsRepository['renewLease']>) =>
      serially(a[1], () => repository.renewLease(...a)),
    updateProgress: (...a: Parameters<SyncJobsRepository['updateProgress']>) =>
      serially(a[1], () => repository.updateProgress(...a)),
    recordWindow: (...a: Parameters<SyncJobsRepository['recordWindow']>) =>
      serially(a[1], () => repository.recordWindow(...a)),
    complete: (...a: Parameters<SyncJobsRepository['complete']>) =>
      serially(a[1], () => repository.complete(...a)),
    fail: (...a: Parameters<SyncJobsRepository['fail']>) => serially(a[1], () => repository.fail(...a)),
    release: (...a: Parameters<SyncJobsRepository['release']>) =>
      serially(a[1], () => repository.release(...a)),
  };
}

export type JobWrites = ReturnType<typeof serialJobWrites>;
