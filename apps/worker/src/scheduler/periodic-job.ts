import type { Clock } from '@cohorts/core/clock';
import { type ConnectionOptions, Queue, Worker } from 'bullmq';
import type { Logger } from '../logger';

export interface PeriodicJobDeps {
  /** ioredis connection (or options) for BullMQ; a Worker needs `maxRetriesPerRequest: null`. */
  connection: ConnectionOptions;
  /** BullMQ key prefix (REDIS_PREFIX). */
  prefix: string;
  logger: Logger;
  /** Where "now" comes from (default: the system clock). */
  clock?: Clock;
}

export interface PeriodicJobSpec<Result> {
  queueName: string;
  /** The job scheduler's id: every replica upserts the same one, so there is one schedule in Redis. */
  schedulerId: string;
  everyMs: number;
  run: () => Promise<Result>;
  onResult?: (result: Result) => void | Promise<void>;
  /** How often each replica checks that the schedule still exists in Redis (default: min(everyMs, 30 s)). */
  guardIntervalMs?: number;
}

export interface PeriodicJobHandle {
  queue: Queue;
  worker: Worker;
  close(): Promise<void>;
}

/**
 * A recurring job that runs once per interval across all replicas: a BullMQ job scheduler
 * (`upsertJobScheduler`) produces one job per slot, and whichever replica's Worker takes it runs it.
 */
export async function startPeriodicJob<Result>(
  deps: PeriodicJobDeps,
  spec: PeriodicJobSpec<Result>,
): Promise<PeriodicJobHandle> {
  const log = deps.logger.child({ queue: spec.queueName });
  const queue = new Queue(spec.queueName, { connection: deps.connection, prefix: deps.prefix });
  queue.on('error', (error) => log.warn({ err: error.message }, 'queue error'));
  const upsertSchedule = () =>
    queue.upsertJobScheduler(
      spec.schedulerId,
      { every: spec.everyMs },
      {
        name: spec.schedulerId,
        data: {},
        // Ticks are cheap to lose (the next one comes) and worthless to keep.
        opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 }, attempts: 1 },
      },
    );
  await upsertSchedule();
  // The schedule lives in Redis only: after a failover without persistence or a flush, it would be
  // gone until a replica restarts, and with it the reconciler that repairs such losses. Each replica
  // re-creates it when missing (upsert is idempotent, so two replicas doing so still make one).
  const guard = setInterval(() => {
    void queue
      .getJobScheduler(spec.schedulerId)
      .then(async (existing) => {
        if (existing) return;
        await upsertSchedule();
        log.warn({ schedulerId: spec.schedulerId }, 'job scheduler was missing from Redis; re-created');
      })
      .catch((error: unknown) =>
        log.warn({ err: error instanceof Error ? error.message : String(error) }, 'schedule check failed'),
      );
  }, spec.guardIntervalMs ?? Math.min(spec.everyMs, 30_000));
  guard.unref();
  const worker = new Worker(
    spec.queueName,
    async () => {
      const started = performance.now();
      const result = await spec.run();
      await spec.onResult?.(result);
      log.info(
        { result, durationMs: Math.round(performance.now() - started) },
        `${spec.schedulerId} run finished`,
      );
      return result;
    },
    // One run at a time per replica; the scheduler makes one job per slot anyway.
    { connection: deps.connection, prefix: deps.prefix, concurrency: 1 },
  );
  worker.on('error', (error) => log.warn({ err: error.message }, 'worker error'));
  worker.on('failed', (_job, error) => log.error({ err: error.message }, `${spec.schedulerId} run failed`));
  return {
    queue,
    worker,
    async close() {
      clearInterval(guard);
      await worker.close();
      await queue.close();
    },
  };
}
