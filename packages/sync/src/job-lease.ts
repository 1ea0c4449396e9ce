import { LostClaimError, type SyncJobData } from '@cohorts/core';
import type { SyncJobRecord } from '@cohorts/core/contract';
import { DelayedError, type Job } from 'bullmq';
import { errorMessage } from './log';
import type { SyncSummary } from './outcome';
import { jobLogFields, type SyncServices } from './services';

/** What happened to one delivery of a sync job (the BullMQ return value). */
export type SyncJobOutcome =
  | { outcome: 'finished'; jobId: string; status: SyncSummary['status']; message: string }
  | { outcome: 'skipped'; jobId: string; reason: 'not-found' | 'finished' | 'claim-lost' };

/**
 * Moves the BullMQ job to delayed until `untilMs` on our clock. BullMQ times delays by the
 * machine's clock, ours may be pinned (tests, CLOCK_START_AT): hand it the wait, not our instant.
 * With the system clock both agree.
 */
export function delayUntil(
  services: Pick<SyncServices, 'now'>,
  job: Job,
  untilMs: number,
  token: string | undefined,
): Promise<void> {
  return job.moveToDelayed(Date.now() + Math.max(0, untilMs - services.now().getTime()), token);
}

/**
 * Claims the job's Firestore document for this worker by transaction. A finished or missing job
 * comes back as the skipped outcome; a job held under another worker's live lease is delayed until
 * the lease lapses (throws `DelayedError`): then it is ours unless it was renewed.
 */
export async function claimJob(
  services: SyncServices,
  job: Job,
  token: string | undefined,
  data: Pick<SyncJobData, 'userId' | 'providerId' | 'jobId'>,
): Promise<{ claimed: true; record: SyncJobRecord } | { claimed: false; outcome: SyncJobOutcome }> {
  const { userId, jobId } = data;
  const log = jobLogFields(services, data);
  const now = services.now();
  const claim = await services.jobs.claim(userId, jobId, {
    workerId: services.workerId,
    now,
    leaseMs: services.leaseMs,
  });
  if (claim.claimed) return { claimed: true, record: claim.job };
  if (claim.reason === 'running-elsewhere') {
    // A stalled-job re-delivery while the other worker still runs, or it was killed.
    const untilMs = Math.max(claim.leaseExpiresAt?.getTime() ?? 0, services.now().getTime()) + 1_000;
    services.logger.info({ ...log, claimedBy: claim.claimedBy, untilMs }, 'job held elsewhere; delaying');
    await delayUntil(services, job, untilMs, token);
    throw new DelayedError();
  }
  services.logger.info({ ...log, reason: claim.reason }, 'nothing to do for this delivery');
  return { claimed: false, outcome: { outcome: 'skipped', jobId, reason: claim.reason } };
}

/** A held claim: renewed every third of the lease until `stop`; `signal` aborts on shutdown or a lost claim. */
export interface HeldLease {
  signal: AbortSignal;
  /** True once a renewal found another worker holding the job. */
  lost(): boolean;
  stop(): void;
}

export function holdLease(
  services: SyncServices,
  record: SyncJobRecord,
  shutdown: AbortSignal | undefined,
): HeldLease {
  const abort = new AbortController();
  const onAbort = () => abort.abort(shutdown?.reason);
  shutdown?.addEventListener('abort', onAbort, { once: true });
  let lost = false;
  const renew = () =>
    services.jobs
      .renewLease(
        record.userId,
        record.id,
        services.workerId,
        new Date(services.now().getTime() + services.leaseMs),
      )
      .catch((error) => {
        if (error instanceof LostClaimError) {
          lost = true;
          abort.abort(error);
        }
        services.logger.warn(
          { ...jobLogFields(services, { ...record, jobId: record.id }), err: errorMessage(error) },
          'lease renewal failed',
        );
      });
  const renewal = setInterval(renew, Math.max(1_000, Math.floor(services.leaseMs / 3)));
  return {
    signal: abort.signal,
    lost: () => lost,
    stop() {
      clearInterval(renewal);
      shutdown?.removeEventListener('abort', onAbort);
    },
  };
}
