import { type firestoreFor, queueNames, type SyncJobData } from '@cohorts/core';
import { Queue } from 'bullmq';
import { type PeriodicJobDeps, startPeriodicJob } from '../scheduler/periodic-job';
import { Reconciler, type ReconcileSummary } from './reconciler';

export const reconcilerTickId = 'reconciler-tick';

export interface ReconcilerDeps extends PeriodicJobDeps {
  db: ReturnType<typeof firestoreFor>;
  config: {
    /** RECONCILER_INTERVAL_MS */
    intervalMs: number;
    /** RECONCILER_GRACE_MS */
    graceMs: number;
  };
  onRun?: (summary: ReconcileSummary) => void;
}

/** The reconciler as a scheduled job on `queueNames.reconciler` (once per interval across replicas). */
export async function startReconciler(deps: ReconcilerDeps): Promise<{ close(): Promise<void> }> {
  const syncQueue = new Queue<SyncJobData>(queueNames.sync, {
    connection: deps.connection,
    prefix: deps.prefix,
  });
  syncQueue.on('error', (error) => deps.logger.warn({ err: error.message }, 'sync queue error'));
  const reconciler = new Reconciler({
    db: deps.db,
    ...(deps.clock && { clock: deps.clock }),
    syncQueue,
    logger: deps.logger,
    graceMs: deps.config.graceMs,
  });
  const periodic = await startPeriodicJob(deps, {
    queueName: queueNames.reconciler,
    schedulerId: reconcilerTickId,
    everyMs: deps.config.intervalMs,
    run: () => reconciler.runOnce(),
    onResult: (summary) => deps.onRun?.(summary),
  });
  return {
    async close() {
      await periodic.close();
      await syncQueue.close();
    },
  };
}
