import type { JobsOptions } from 'bullmq';
import { z } from 'zod';
import { ProviderIdSchema } from '../contract/provider-ids';

/**
 * The job catalog: every BullMQ queue of the product, the payload each job carries (validated with
 * zod by the processor), and its retry policy. No secrets ever go into job data (Redis keeps it in
 * clear text): a sync job names the user, the integration and the Firestore job id, nothing more.
 */
export const queueNames = {
  /** One job per sync; the BullMQ job id is the Firestore `syncJobs` document id. */
  sync: 'ads-sync',
  /** The scheduler tick (a BullMQ job scheduler): fans due integrations out into sync jobs. */
  scheduler: 'ads-scheduler',
  /** Keeps Redis and Firestore consistent (re-adds lost jobs, settles dead ones). */
  reconciler: 'ads-reconciler',
  /** Failure-threshold and stuck-queue checks that POST to the alert webhook. */
  alerts: 'ads-alerts',
} as const;
export type QueueName = (typeof queueNames)[keyof typeof queueNames];

export const SyncJobDataSchema = z.object({
  userId: z.string().min(1),
  providerId: ProviderIdSchema,
  /** The `users/{userId}/syncJobs/{jobId}` document id, also the BullMQ job id. */
  jobId: z.string().min(1),
});
export type SyncJobData = z.infer<typeof SyncJobDataSchema>;

/** Named in `backoff.type`; the worker registers the strategy under this name. */
export const syncBackoffType = 'jittered-exponential';

export const syncRetryPolicy = {
  /** Attempts before a job fails for good (rate-limit re-delays and quota parking do not count). */
  attempts: 8,
  baseDelayMs: 1_000,
  maxDelayMs: 64_000,
  /**
   * Claims (deliveries that took the Firestore job) before a job is stopped for good. Crashes do not
   * spend `attempts` (a lost worker is not the job's fault and the work is idempotent), so this is
   * the only limit on a poison pill that kills its worker every time.
   */
  maxClaims: 500,
} as const;

/**
 * Delay before retry `attemptsMade` (1-based): 1 s, 2 s, 4 s ... capped at 64 s, with "equal jitter"
 * (half fixed, half random) so retries of many jobs do not land together yet never retry instantly.
 */
export function syncRetryDelayMs(attemptsMade: number, random: () => number = Math.random): number {
  const exponent = Math.max(0, attemptsMade - 1);
  const ceiling = Math.min(syncRetryPolicy.maxDelayMs, syncRetryPolicy.baseDelayMs * 2 ** exponent);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export const syncJobOptions = {
  attempts: syncRetryPolicy.attempts,
  backoff: { type: syncBackoffType },
  // Keep finished jobs for inspection in Bull Board for a while, then let Redis forget them:
  // Firestore holds the durable record.
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} satisfies JobsOptions;
