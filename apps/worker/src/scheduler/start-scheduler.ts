import type { firestoreFor } from '@cohorts/core';
import {
  type AlertNotifier,
  IntegrationFailureMonitor,
  queueNames,
  type ScheduleSummary,
  type SyncJobData,
  SyncScheduler,
  schedulerRunCondition,
} from '@cohorts/core';
import { systemClock } from '@cohorts/core/clock';
import { Queue } from 'bullmq';
import { type PeriodicJobDeps, startPeriodicJob } from './periodic-job';

export const schedulerTickId = 'scheduler-tick';

export interface SchedulerDeps extends PeriodicJobDeps {
  db: ReturnType<typeof firestoreFor>;
  config: {
    /** SCHEDULER_TICK_MS */
    tickMs: number;
    /** SCHEDULER_ALERT_FAILURE_THRESHOLD */
    failureThreshold: number;
  };
  /** When given, each tick also runs the failure-threshold alert check on what it visits. */
  notifier?: AlertNotifier;
  /** Called with every tick's summary (tests, metrics). */
  onTick?: (summary: ScheduleSummary) => void;
}

/**
 * The scheduler tick: a BullMQ job scheduler on `queueNames.scheduler` whose job runs
 * `SyncScheduler.scheduleAllUsers()`, once per `tickMs` however many worker replicas run.
 */
export async function startScheduler(deps: SchedulerDeps): Promise<{ close(): Promise<void> }> {
  const syncQueue = new Queue<SyncJobData>(queueNames.sync, {
    connection: deps.connection,
    prefix: deps.prefix,
  });
  syncQueue.on('error', (error) => deps.logger.warn({ err: error.message }, 'sync queue error'));
  const scheduler = new SyncScheduler({
    db: deps.db,
    ...(deps.clock && { clock: deps.clock }),
    syncQueue,
    failureThreshold: deps.config.failureThreshold,
    failureCheck: deps.notifier ? new IntegrationFailureMonitor(deps.db, deps.notifier) : undefined,
    onError: (error, integration) =>
      deps.logger.warn(
        { userId: integration.userId, providerId: integration.providerId, err: errorMessage(error) },
        'scheduling an integration failed',
      ),
  });
  const notifier = deps.notifier;
  const periodic = await startPeriodicJob(deps, {
    queueName: queueNames.scheduler,
    schedulerId: schedulerTickId,
    everyMs: deps.config.tickMs,
    run: () => scheduler.scheduleAllUsers(),
    onResult: async (summary) => {
      deps.onTick?.(summary);
      await notifier?.observe(
        schedulerRunCondition({
          queue: queueNames.scheduler,
          errors: summary.errors,
          examined: summary.examined,
          threshold: deps.config.failureThreshold,
          since: (deps.clock ?? systemClock).now(),
        }),
      );
    },
  });
  return {
    async close() {
      await periodic.close();
      await syncQueue.close();
    },
  };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
