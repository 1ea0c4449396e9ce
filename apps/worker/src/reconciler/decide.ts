import type { SyncJobRecord } from '@cohorts/core';

/** BullMQ's view of a sync job; `gone` when Redis has no job under the id. */
export type QueueJobState =
  | 'waiting'
  | 'delayed'
  | 'prioritized'
  | 'active'
  | 'waiting-children'
  | 'completed'
  | 'failed'
  /** Failed by BullMQ for stalling too often: its workers were lost, the job did nothing wrong. */
  | 'stalled-out'
  | 'gone';

export type ReconcileAction =
  /** Consistent, or possibly in flight: leave it. */
  | { action: 'leave' }
  /** A queued document without its BullMQ job: add it again. */
  | { action: 'requeue'; removeStale: boolean }
  /** A running document whose worker is gone (lease lapsed, no BullMQ job): back to queued, re-added. */
  | { action: 'release'; removeStale: boolean }
  /** Nothing will ever finish this job: mark it `error`. */
  | { action: 'settle'; reason: 'failed-for-good' | 'claims-exhausted' };

/**
 * What the reconciler does with a live Firestore job, given BullMQ's state of the job with the same
 * id. Pure; the reconciler re-reads both just before acting so a job that moved on is not touched.
 */
export function decideReconcile(
  job: Pick<SyncJobRecord, 'status' | 'createdAt' | 'leaseExpiresAt' | 'attempts'>,
  queueState: QueueJobState,
  now: Date,
  options: { graceMs: number; maxClaims: number },
): ReconcileAction {
  if (job.status === 'queued') {
    // Enqueue writes the document first and adds the BullMQ job right after: give it time.
    if (now.getTime() - job.createdAt.getTime() < options.graceMs) return { action: 'leave' };
    if (queueState === 'gone') return { action: 'requeue', removeStale: false };
    if (queueState === 'failed') return { action: 'settle', reason: 'failed-for-good' };
    // A finished BullMQ job blocks re-adding its id (BullMQ ignores a duplicate jobId): remove it.
    // Stalling is a lost worker, not a verdict on the job: run it again.
    if (queueState === 'completed' || queueState === 'stalled-out')
      return { action: 'requeue', removeStale: true };
    return { action: 'leave' };
  }
  if (job.status === 'running') {
    const leaseLive = job.leaseExpiresAt !== null && job.leaseExpiresAt.getTime() > now.getTime();
    if (leaseLive) return { action: 'leave' };
    if (queueState === 'failed') return { action: 'settle', reason: 'failed-for-good' };
    if (queueState === 'gone' || queueState === 'completed' || queueState === 'stalled-out') {
      // Each claim whose worker was lost counts here; only a poison pill reaches the limit.
      if (job.attempts >= options.maxClaims) return { action: 'settle', reason: 'claims-exhausted' };
      return { action: 'release', removeStale: queueState !== 'gone' };
    }
    // Waiting or delayed: BullMQ delivers it again and the claim takes over the lapsed lease.
    // Active: a worker holds BullMQ's lock; if it died, stalled-job recovery hands the job on.
    return { action: 'leave' };
  }
  return { action: 'leave' };
}
