import { type ProviderId, queueNames, SyncJobDataSchema } from '@cohorts/core';
import type { Clock } from '@cohorts/core/clock';
import type { ProviderRequestObserver } from '@cohorts/providers';
import type { SyncJobOutcome } from '@cohorts/sync';
import type { Job, Queue, Worker } from 'bullmq';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * How a delivery of a sync job ended, as counted: the sync's own status when it ran (`success`,
 * `error`), `skipped` (nothing to do), `retrying` (failed, attempts left) or `failed` (for good).
 */
type SyncJobMetricStatus = 'success' | 'error' | 'skipped' | 'retrying' | 'failed';

/** The BullMQ states a queue's depth is reported in. */
const queueStates = ['wait', 'prioritized', 'active', 'delayed', 'failed'] as const;

export interface WorkerMetrics {
  registry: Registry;
  /** Wired into the connectors' HTTP layer (limiter waits and refusals, request outcomes). */
  providerObserver: ProviderRequestObserver;
  /** Counts every delivery the sync Worker finishes or fails. */
  watchSyncWorker(worker: Worker): void;
  /** Reads these queues' depth and oldest waiting job on every scrape. */
  watchQueues(queues: Queue[]): void;
}

/**
 * The worker's Prometheus metrics. Labels are platform, status, queue and reasons only: never a
 * user, job, account or credential id (unbounded, and not for a metrics store).
 */
export function createWorkerMetrics(clock: Clock): WorkerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const jobs = new Counter({
    name: 'cohorts_sync_jobs_total',
    help: 'Sync job deliveries by platform and how they ended (success, error, skipped, retrying, failed).',
    labelNames: ['platform', 'status'],
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'cohorts_sync_job_duration_seconds',
    help: 'Processing time of one sync job delivery, by platform and how it ended.',
    labelNames: ['platform', 'status'],
    buckets: [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800],
    registers: [registry],
  });
  const lastSuccess = new Gauge({
    name: 'cohorts_sync_last_success_timestamp_seconds',
    help: 'When this process last finished a sync with status success, by platform (Unix seconds).',
    labelNames: ['platform'],
    registers: [registry],
  });
  const rateLimitWaits = new Histogram({
    name: 'cohorts_provider_rate_limit_wait_seconds',
    help: 'Time a platform request waited for its per-credential send slot.',
    labelNames: ['platform'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 15],
    registers: [registry],
  });
  const limiterRejections = new Counter({
    name: 'cohorts_provider_limiter_rejections_total',
    help: "Requests the per-credential limiter refused: busy (the credential's schedule is full) or unavailable (Redis failed).",
    labelNames: ['platform', 'reason'],
    registers: [registry],
  });
  const requests = new Counter({
    name: 'cohorts_provider_requests_total',
    help: 'Platform request attempts by outcome: ok, or the error kind (auth, rate-limited, quota-exhausted, transient, permanent, invalid-response).',
    labelNames: ['platform', 'outcome'],
    registers: [registry],
  });

  const watchedQueues: Queue[] = [];
  new Gauge({
    name: 'cohorts_queue_jobs',
    help: 'Jobs per queue and BullMQ state, read from Redis at scrape time.',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const queue of watchedQueues) {
        const counts = await queue.getJobCounts(...queueStates).catch(() => null);
        if (!counts) continue; // Redis down: no reading rather than a wrong one (readiness reports it).
        for (const state of queueStates) this.set({ queue: queue.name, state }, counts[state] ?? 0);
      }
    },
  });
  new Gauge({
    name: 'cohorts_queue_oldest_waiting_seconds',
    help: 'Age of the oldest job ready to run and not yet taken, per queue (0 when none waits).',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const queue of watchedQueues) {
        // Lists are newest-first; `asc` reads from the old end.
        const oldest = await queue.getJobs(['wait'], 0, 0, true).catch(() => null);
        if (!oldest) continue;
        const [job] = oldest;
        const readySince = job ? job.timestamp + (job.opts.delay ?? 0) : null;
        this.set(
          { queue: queue.name },
          readySince === null ? 0 : Math.max(0, (clock.now().getTime() - readySince) / 1000),
        );
      }
    },
  });

  const platformOf = (job: Job | undefined): ProviderId | 'unknown' => {
    const parsed = SyncJobDataSchema.safeParse(job?.data);
    return parsed.success ? parsed.data.providerId : 'unknown';
  };
  const count = (job: Job | undefined, status: SyncJobMetricStatus) => {
    const platform = platformOf(job);
    jobs.inc({ platform, status });
    if (job?.processedOn && job.finishedOn) {
      durations.observe({ platform, status }, Math.max(0, (job.finishedOn - job.processedOn) / 1000));
    }
    if (status === 'success') lastSuccess.set({ platform }, clock.now().getTime() / 1000);
  };

  return {
    registry,
    providerObserver: {
      rateLimitWaited: ({ providerId, waitedMs }) =>
        rateLimitWaits.observe({ platform: providerId }, Math.max(0, waitedMs) / 1000),
      limiterRejected: ({ providerId, reason }) => limiterRejections.inc({ platform: providerId, reason }),
      requestFinished: ({ providerId, outcome }) => requests.inc({ platform: providerId, outcome }),
    },
    watchSyncWorker(worker) {
      worker.on('completed', (job, result: SyncJobOutcome | undefined) => {
        count(job, result?.outcome === 'finished' ? result.status : 'skipped');
      });
      worker.on('failed', (job, error) => {
        // BullMQ reports every failed attempt; the last one (or an unrecoverable error) is for good.
        const final =
          !job || error.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
        count(job, final ? 'failed' : 'retrying');
      });
    },
    watchQueues(queues) {
      watchedQueues.push(...queues);
    },
  };
}

/** Every queue the worker's metrics report on. */
export const monitoredQueueNames = Object.values(queueNames);
