import type { firestoreFor, WorkerAppEnv } from '@cohorts/core';
import type { Clock } from '@cohorts/core/clock';
import { Redis } from 'ioredis';
import { startAlertMonitor } from '../alerts/start-alert-monitor';
import type { Logger } from '../logger';
import { startReconciler } from '../reconciler/start-reconciler';
import { startScheduler } from '../scheduler/start-scheduler';

type OperationsEnv = Pick<
  WorkerAppEnv,
  | 'REDIS_URL'
  | 'REDIS_PREFIX'
  | 'SCHEDULER_TICK_MS'
  | 'RECONCILER_INTERVAL_MS'
  | 'RECONCILER_GRACE_MS'
  | 'ALERT_CHECK_INTERVAL_MS'
  | 'SCHEDULER_ALERT_WEBHOOK_URL'
  | 'SCHEDULER_ALERT_FAILURE_THRESHOLD'
  | 'SCHEDULER_ALERT_STUCK_WAITING_MS'
  | 'SCHEDULER_ALERT_STUCK_RUNNING_MS'
>;

export interface OperationsDeps {
  env: OperationsEnv;
  db: ReturnType<typeof firestoreFor>;
  logger: Logger;
  /** Where "now" comes from (default: the system clock). */
  clock?: Clock;
}

/**
 * Starts the scheduler tick, the reconciler and the alert monitor with one Redis connection of
 * their own (BullMQ workers need `maxRetriesPerRequest: null`). `close()` stops all three, then
 * the connection. This is the one call `main.ts` makes.
 */
export async function startOperations(deps: OperationsDeps): Promise<{ close(): Promise<void> }> {
  const { env, db } = deps;
  const logger = deps.logger.child({ component: 'operations' });
  const connection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
  connection.on('error', (error) => logger.warn({ err: error.message }, 'redis connection error'));
  const base = { connection, prefix: env.REDIS_PREFIX, logger, ...(deps.clock && { clock: deps.clock }) };
  const started: Array<{ close(): Promise<void> }> = [];
  try {
    const alerts = await startAlertMonitor({
      ...base,
      config: {
        checkIntervalMs: env.ALERT_CHECK_INTERVAL_MS,
        failureThreshold: env.SCHEDULER_ALERT_FAILURE_THRESHOLD,
        stuckWaitingMs: env.SCHEDULER_ALERT_STUCK_WAITING_MS,
        stuckRunningMs: env.SCHEDULER_ALERT_STUCK_RUNNING_MS,
        webhookUrl: env.SCHEDULER_ALERT_WEBHOOK_URL,
      },
    });
    started.push(alerts);
    started.push(
      await startScheduler({
        ...base,
        db,
        notifier: alerts.notifier,
        config: { tickMs: env.SCHEDULER_TICK_MS, failureThreshold: env.SCHEDULER_ALERT_FAILURE_THRESHOLD },
      }),
    );
    started.push(
      await startReconciler({
        ...base,
        db,
        config: { intervalMs: env.RECONCILER_INTERVAL_MS, graceMs: env.RECONCILER_GRACE_MS },
      }),
    );
  } catch (error) {
    await closeAll(started);
    connection.disconnect();
    throw error;
  }
  return {
    async close() {
      await closeAll(started);
      await connection.quit();
    },
  };
}

async function closeAll(started: Array<{ close(): Promise<void> }>): Promise<void> {
  for (const part of started.reverse()) await part.close();
}
