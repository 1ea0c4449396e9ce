import { z } from 'zod';
import { IsoDateSchema } from './dates';
import { ProviderIdSchema } from './provider-ids';

export const syncJobTypes = ['initial-backfill', 'scheduled-sync', 'manual-sync'] as const;
export const SyncJobTypeSchema = z.enum(syncJobTypes);
export type SyncJobType = z.infer<typeof SyncJobTypeSchema>;

export const syncJobStatuses = ['queued', 'running', 'success', 'error'] as const;
export const SyncJobStatusSchema = z.enum(syncJobStatuses);
export type SyncJobStatus = z.infer<typeof SyncJobStatusSchema>;

export const liveSyncJobStatuses = ['queued', 'running'] as const satisfies readonly SyncJobStatus[];

export function isLiveSyncJobStatus(status: SyncJobStatus): boolean {
  return status === 'queued' || status === 'running';
}

export const SyncJobProgressSchema = z.object({
  accountsDone: z.int().nonnegative(),
  accountsTotal: z.int().nonnegative(),
  daysDone: z.int().nonnegative(),
  daysTotal: z.int().nonnegative(),
});
export type SyncJobProgress = z.infer<typeof SyncJobProgressSchema>;

/** `users/{userId}/syncJobs/{jobId}`: the durable record of a sync; the BullMQ job has the same id. */
export const SyncJobSchema = z.object({
  userId: z.string().min(1),
  providerId: ProviderIdSchema,
  jobType: SyncJobTypeSchema,
  timeframeDays: z.int().min(1).max(1100),
  status: SyncJobStatusSchema,
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  processedAt: z.date().nullable(),
  errorMessage: z.string().nullable(),
  /** Which worker holds the job, and until when its claim is good (a crashed worker's claim lapses). */
  claimedBy: z.string().nullable(),
  leaseExpiresAt: z.date().nullable(),
  /** How many times a worker has claimed this job. */
  attempts: z.int().nonnegative(),
  progress: SyncJobProgressSchema.nullable(),
  /** The account-local window actually synced, once known. */
  windowStart: IsoDateSchema.nullable(),
  windowEnd: IsoDateSchema.nullable(),
});
export type SyncJob = z.infer<typeof SyncJobSchema>;

/** A job together with its Firestore id. */
export type SyncJobRecord = SyncJob & { id: string };
