import {
  AlertNotifier,
  type AlertPayload,
  type DeliveryResult,
  queueNames,
  RedisIncidentStore,
  type SyncJobData,
  stuckQueueConditions,
  webhookDelivery,
  workerFailureCondition,
} from '@cohorts/core';
import { type Clock, systemClock } from '@cohorts/core/clock';
import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger';
import { startPeriodicJob } from '../scheduler/periodic-job';
import { errorMessage } from '../scheduler/start-scheduler';
import { consecutiveFinalFailures, snapshotQueue } from './queue-snapshot';

export const alertMonitorTickId = 'alert-monitor-tick';

interface AlertMonitorConfig {
  /** ALERT_CHECK_INTERVAL_MS */
  checkIntervalMs: number;
  /** SCHEDULER_ALERT_FAILURE_THRESHOLD */
  failureThreshold: number;
  /** SCHEDULER_ALERT_STUCK_WAITING_MS / SCHEDULER_ALERT_STUCK_RUNNING_MS */
  stuckWaitingMs: number;
  stuckRunningMs: number;
  /** SCHEDULER_ALERT_WEBHOOK_URL; without it incidents are only logged. */
  webhookUrl?: string;
  webhook?: { timeoutMs?: number; attempts?: number; baseDelayMs?: number };
}

export interface AlertMonitorDeps {
  /** ioredis with `maxRetriesPerRequest: null`: BullMQ and the incident store share it. */
  connection: Redis;
  prefix: string;
  logger: Logger;
  config: AlertMonitorConfig;
  /** Where "now" comes from (default: the system clock). */
  clock?: Clock;
}

export interface AlertMonitor {
  /** The notifier the scheduler tick can share (`startScheduler({ notifier })`). */
  notifier: AlertNotifier;
  /** One check now (also what the scheduled job runs). */
  checkNow(): Promise<void>;
  close(): Promise<void>;
}

/** Builds the notifier: incidents de-duplicated in Redis, delivered to the webhook when configured. */
function createAlertNotifier(deps: AlertMonitorDeps): AlertNotifier {
  const { config, logger } = deps;
  return new AlertNotifier({
    ...(deps.clock && { clock: deps.clock }),
    store: new RedisIncidentStore(deps.connection, deps.prefix),
    deliver: config.webhookUrl ? webhookDelivery({ url: config.webhookUrl, ...config.webhook }) : undefined,
    log: ({ payload, delivery }: { payload: AlertPayload; delivery: DeliveryResult | null }) => {
      const fields = { alert: payload, delivery };
      if (delivery && !delivery.delivered) logger.error(fields, 'alert webhook delivery failed; will retry');
      else logger.warn(fields, `alert ${payload.status}: ${payload.summary}`);
    },
  });
}

/**
 * The alert monitor: a scheduled job (once per interval across replicas) that checks the sync queue
 * for stuck jobs and the fleet for consecutive final failures; a final failure (`retries-exhausted`)
 * also triggers a check at once. Incidents are de-duplicated in Redis, so replicas send one alert.
 */
export async function startAlertMonitor(deps: AlertMonitorDeps): Promise<AlertMonitor> {
  const { config, logger } = deps;
  const notifier = createAlertNotifier(deps);
  const syncQueue = new Queue<SyncJobData>(queueNames.sync, {
    connection: deps.connection,
    prefix: deps.prefix,
  });
  syncQueue.on('error', (error) => logger.warn({ err: error.message }, 'sync queue error'));

  const checkWorkerFailures = async () => {
    const streak = await consecutiveFinalFailures(syncQueue, config.failureThreshold + 1);
    await notifier.observe(
      workerFailureCondition({
        queue: queueNames.sync,
        consecutiveFinalFailures: streak.count,
        since: streak.since,
        threshold: config.failureThreshold,
      }),
    );
  };
  const checkNow = async () => {
    const snapshot = await snapshotQueue(syncQueue);
    const limits = { waitingMs: config.stuckWaitingMs, runningMs: config.stuckRunningMs };
    for (const condition of stuckQueueConditions(snapshot, limits, (deps.clock ?? systemClock).now())) {
      await notifier.observe(condition);
    }
    await checkWorkerFailures();
  };

  const events = new QueueEvents(queueNames.sync, { connection: deps.connection, prefix: deps.prefix });
  events.on('error', (error) => logger.warn({ err: error.message }, 'queue events error'));
  events.on('retries-exhausted', ({ jobId }) => {
    logger.warn({ jobId }, 'sync job failed for good');
    checkWorkerFailures().catch((error) =>
      logger.warn({ err: errorMessage(error) }, 'failure-threshold check failed'),
    );
  });

  const periodic = await startPeriodicJob(deps, {
    queueName: queueNames.alerts,
    schedulerId: alertMonitorTickId,
    everyMs: config.checkIntervalMs,
    run: checkNow,
  });
  return {
    notifier,
    checkNow,
    async close() {
      await periodic.close();
      await events.close();
      await syncQueue.close();
    },
  };
}
