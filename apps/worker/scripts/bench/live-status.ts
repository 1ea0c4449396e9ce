import { SyncJobSchema, syncJobsCollectionPath, zodConverter } from '@cohorts/core';
import { sandboxLogins } from '@cohorts/sync/testing';
import { waitFor } from '@cohorts/test-harness';
import { type BenchContext, linkUser, percentile, syncAll } from './context';
import type { BenchRow } from './table';

export interface LiveStatusSize {
  runs: number;
}

const converter = zodConverter(SyncJobSchema);

/**
 * "Run sync now" (a manual 8-day sync) to `success` as the dashboard's `jobs.onChange` stream sees it:
 * the same snapshot listener on the user's `syncJobs` (newest first) that `watchJobs` holds. The
 * overhead is what is left after the job's own processing time (`startedAt` to `processedAt`).
 */
export async function liveStatusRow(context: BenchContext, size: LiveStatusSize): Promise<BenchRow> {
  const { db } = context.e2e;
  const integration = await linkUser(context, 'google', sandboxLogins.ben);
  // The first sync of a link is its backfill; the runs below are the user's later clicks.
  await syncAll(context, [integration], 'initial-backfill', 8);
  const overheads: number[] = [];
  const processing: number[] = [];
  // When the listener saw each job reach success (performance.now() in its callback).
  const successes = new Map<string, number>();
  const unsubscribe = db
    .collection(syncJobsCollectionPath(integration.userId))
    .orderBy('createdAt', 'desc')
    .limit(20)
    .withConverter(converter)
    .onSnapshot((snapshot) => {
      const at = performance.now();
      for (const change of snapshot.docChanges()) {
        if (change.doc.data().status === 'success' && !successes.has(change.doc.id))
          successes.set(change.doc.id, at);
      }
    });
  try {
    for (let run = 0; run < size.runs; run++) {
      const requestedAt = performance.now();
      const { job } = await context.service.enqueue(integration.userId, 'google', 'manual-sync', 8);
      const seenAt = await waitFor(() => successes.get(job.id), {
        timeoutMs: 120_000,
        intervalMs: 5,
        what: `the listener to see job ${job.id} succeed`,
      });
      const record = await context.jobs.get(integration.userId, job.id);
      if (!record?.startedAt || !record.processedAt) throw new Error(`job ${job.id} has no processing times`);
      const own = record.processedAt.getTime() - record.startedAt.getTime();
      processing.push(own);
      overheads.push(seenAt - requestedAt - own);
    }
  } finally {
    unsubscribe();
  }
  const p95 = percentile(overheads, 95);
  const ownP50 = percentile(processing, 50);
  return {
    row: 'live status',
    figure: `p95 overhead ${p95.toFixed(0)} ms`,
    limit: `job's own ${ownP50.toFixed(0)} ms (p50)`,
    ratio: p95 / 300,
    target: 'p95 overhead <= 300 ms',
    pass: p95 <= 300,
    notes:
      `${size.runs} "Run sync now" clicks (manual 8-day Google sync, one account); overhead = click to the ` +
      `listener's success event minus startedAt..processedAt: median ${percentile(overheads, 50).toFixed(0)} ms ` +
      '(queue pick-up, claim transaction, listener delivery). Ratio = p95 ÷ 300 ms.',
  };
}
