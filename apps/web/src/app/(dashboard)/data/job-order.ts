import type { SyncJobStatus } from '@cohorts/core/contract';

/** The fields that tell two copies of one job apart in time. */
export interface JobVersion {
  status: SyncJobStatus;
  attempts: number;
  progress: { daysDone: number } | null;
}

const finished = (status: SyncJobStatus) => status === 'success' || status === 'error';

/**
 * Which of two copies of the same job is the later one. A `jobs.recent` refetch can answer with a
 * snapshot read just before the stream's last event (e.g. "running" after "success" arrived), so the
 * cache keeps whichever copy is further along: a finished job stays finished, then more attempts,
 * then running over queued, then more days done. Ties keep `current`.
 */
export function laterJob<T extends JobVersion>(current: T, incoming: T): T {
  if (finished(current.status) !== finished(incoming.status))
    return finished(current.status) ? current : incoming;
  if (finished(current.status)) return incoming; // both finished: the newer read wins
  if (current.attempts !== incoming.attempts)
    return current.attempts > incoming.attempts ? current : incoming;
  if (current.status !== incoming.status) return current.status === 'running' ? current : incoming;
  return (incoming.progress?.daysDone ?? 0) >= (current.progress?.daysDone ?? 0) ? incoming : current;
}
