import { adMetricsCollectionPath, SyncJobSchema, syncJobsCollectionPath, zodConverter } from '@cohorts/core';
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
/** Wall-clock ms (the emulator and BullMQ stamp the same machine's clock); performance.now() for order. */
const wallNow = () => performance.timeOrigin + performance.now();

/** Where one click's overhead went, in ms of wall clock, each stage from the end of the one before. */
interface Stages {
  /** Click to the job document committed (`createUnlessLive`'s transaction). */
  enqueueTransaction: number;
  /** Commit to the BullMQ job added (`Queue.add` stamps it). */
  queueAdd: number;
  /** Added to a worker moving it to active (BullMQ `processedOn`). */
  pickUp: number;
  /** Active to the claim committed (`running`): the claim transaction. */
  claim: number;
  /**
   * Claim commit to the last day document written, less the job's own startedAt..processedAt: the
   * raw payload and the day writes, which come after `processedAt` is stamped.
   */
  dayWrites: number;
  /** Last day document to the `success` commit: the ending transaction. */
  finish: number;
  /** `success` commit to the listener's callback. */
  listener: number;
}

const stageNames = [
  'enqueueTransaction',
  'queueAdd',
  'pickUp',
  'claim',
  'dayWrites',
  'finish',
  'listener',
] as const;

export async function liveStatusRow(context: BenchContext, size: LiveStatusSize): Promise<BenchRow> {
  const { db, queue } = context.e2e;
  const integration = await linkUser(context, 'google', sandboxLogins.ben);
  // The first sync of a link is its backfill; the runs below are the user's later clicks.
  await syncAll(context, [integration], 'initial-backfill', 8);
  const overheads: number[] = [];
  const processing: number[] = [];
  const stages: Stages[] = [];
  // When the listener saw each job reach success (wall clock in its callback), and the commit
  // times of its states as the listener saw them.
  const successes = new Map<string, number>();
  const commits = new Map<string, { created?: number; running?: number; success?: number }>();
  const unsubscribe = db
    .collection(syncJobsCollectionPath(integration.userId))
    .orderBy('createdAt', 'desc')
    .limit(20)
    .withConverter(converter)
    .onSnapshot((snapshot) => {
      const at = wallNow();
      for (const change of snapshot.docChanges()) {
        const { status } = change.doc.data();
        const times = commits.get(change.doc.id) ?? { created: change.doc.createTime.toMillis() };
        commits.set(change.doc.id, times);
        if (status === 'running') times.running ??= change.doc.updateTime.toMillis();
        if (status === 'success' && !successes.has(change.doc.id)) {
          times.success = change.doc.updateTime.toMillis();
          successes.set(change.doc.id, at);
        }
      }
    });
  try {
    for (let run = 0; run < size.runs; run++) {
      const requestedAt = wallNow();
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
      const bull = await queue.getJob(job.id);
      const times = commits.get(job.id);
      const created = times?.created ?? Number.NaN;
      const running = times?.running ?? Number.NaN;
      const success = times?.success ?? Number.NaN;
      // Every day of the user's one integration is rewritten by each 8-day sync.
      const days = await db.collection(adMetricsCollectionPath(integration.userId)).get();
      const lastDayWrite = Math.max(...days.docs.map((doc) => doc.updateTime.toMillis()));
      const added = bull?.timestamp ?? Number.NaN;
      const active = bull?.processedOn ?? Number.NaN;
      stages.push({
        enqueueTransaction: created - requestedAt,
        queueAdd: added - created,
        pickUp: active - added,
        claim: running - active,
        dayWrites: lastDayWrite - running - own,
        finish: success - lastDayWrite,
        listener: seenAt - success,
      });
    }
  } finally {
    unsubscribe();
  }
  const p95 = percentile(overheads, 95);
  const ownP50 = percentile(processing, 50);
  const breakdown = stageNames
    .map((name) => {
      const values = stages.map((stage) => stage[name]).filter(Number.isFinite);
      return `${name} ${percentile(values, 50).toFixed(0)}/${percentile(values, 95).toFixed(0)}`;
    })
    .join(', ');
  return {
    row: 'live status',
    figure: `p95 overhead ${p95.toFixed(0)} ms`,
    limit: `job's own ${ownP50.toFixed(0)} ms (p50)`,
    ratio: p95 / 300,
    target: 'p95 overhead <= 300 ms',
    pass: p95 <= 300,
    notes:
      `${size.runs} "Run sync now" clicks (manual 8-day Google sync, one account); overhead = click to the ` +
      `listener's success event minus startedAt..processedAt: median ${percentile(overheads, 50).toFixed(0)} ms. ` +
      `Stages, ms p50/p95 (wall clock: the emulator's commit times, BullMQ's stamps): ${breakdown}. ` +
      'Ratio = p95 ÷ 300 ms.',
  };
}
