import type { QueueSnapshot } from '@cohorts/core';
import type { Queue } from 'bullmq';

/** How many running jobs a snapshot looks at (the fleet's concurrency is far below this). */
const maxActiveScanned = 1_000;

/** The oldest waiting job and the longest-running one of a queue, for the stuck-queue policy. */
export async function snapshotQueue(queue: Queue): Promise<QueueSnapshot> {
  // Lists are newest-first; `asc` reads from the old end.
  const [oldest] = await queue.getJobs(['wait'], 0, 0, true);
  const waiting = await queue.getJobCountByTypes('wait', 'prioritized');
  const active = await queue.getJobs(['active'], 0, maxActiveScanned - 1);
  let longestRunning: QueueSnapshot['longestRunning'] = null;
  for (const job of active) {
    if (!job.id || !job.processedOn) continue;
    if (!longestRunning || job.processedOn < longestRunning.startedAt.getTime()) {
      longestRunning = { jobId: job.id, startedAt: new Date(job.processedOn) };
    }
  }
  return {
    queue: queue.name,
    // Ready to run since it was added (plus any delay it was added with).
    oldestWaitingSince: oldest ? new Date(oldest.timestamp + (oldest.opts.delay ?? 0)) : null,
    waiting,
    longestRunning,
  };
}

/**
 * Sync jobs in a row that failed for good, newest first, with no completion in between. BullMQ's
 * failed set holds only final failures (a job with retries left waits in `delayed`).
 */
export async function consecutiveFinalFailures(
  queue: Queue,
  lookback: number,
): Promise<{ count: number; since: Date | null }> {
  const [failed, completed] = await Promise.all([
    queue.getJobs(['failed'], 0, lookback - 1, false),
    queue.getJobs(['completed'], 0, 0, false),
  ]);
  const lastSuccess = completed[0]?.finishedOn ?? 0;
  let count = 0;
  let since: Date | null = null;
  for (const job of failed) {
    const finishedOn = job.finishedOn ?? 0;
    if (finishedOn <= lastSuccess) break;
    count += 1;
    since = new Date(finishedOn);
  }
  return { count, since };
}
