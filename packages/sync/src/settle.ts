import { LostClaimError } from '@cohorts/core';
import type { SyncJobRecord } from '@cohorts/core/contract';
import { DelayedError, type Job, UnrecoverableError, WaitingError } from 'bullmq';
import { classifySyncError, type SyncErrorAction } from './classify';
import { delayUntil, type SyncJobOutcome } from './job-lease';
import { reconnectMessage } from './outcome';
import { isFinalAttempt, jobLogFields, type SyncServices } from './services';

/** The reason a worker gives `cancelAllJobs` when it shuts down: running jobs are released, not failed. */
export const shutdownAbortReason = 'worker-shutdown';

function isShutdown(signal: AbortSignal | undefined): boolean {
  if (!signal?.aborted) return false;
  const reason: unknown = signal.reason;
  return (
    reason === shutdownAbortReason || (reason instanceof Error && reason.message === shutdownAbortReason)
  );
}

/** The error a BullMQ job fails with when the sync must not be retried; the message is safe to show. */
function unrecoverable(message: string): UnrecoverableError {
  return new UnrecoverableError(message);
}

/** One claimed delivery, as settling needs it. */
export interface ClaimedDelivery {
  job: Job;
  token: string | undefined;
  record: SyncJobRecord;
}

/** Ends the job in `error` on Firestore: the job document first, then the integration's status. */
async function endInError(
  services: SyncServices,
  record: SyncJobRecord,
  message: string,
  reconnectRequired = false,
): Promise<void> {
  await services.jobs.fail(record.userId, record.id, services.workerId, services.now(), message);
  await services.integrations.updateSyncStatus(record.userId, record.providerId, {
    lastSyncStatus: 'error',
    lastSyncMessage: message,
    ...(reconnectRequired && { reconnectRequired: true }),
  });
}

/**
 * A poison pill: every claim before this one lost its worker (crashes spend no attempts), so the
 * job ends in `error` for good. Returns the error BullMQ must see.
 */
export async function stopAfterMaxClaims(services: SyncServices, record: SyncJobRecord): Promise<Error> {
  const message = `sync stopped after ${services.maxClaims} claims: its worker was lost each time`;
  services.logger.error(
    { ...jobLogFields(services, { ...record, jobId: record.id }), claims: record.attempts },
    message,
  );
  await endInError(services, record, message);
  return unrecoverable(message);
}

/**
 * Settles a sync that threw. A lost claim leaves the job to its new holder (the skipped outcome);
 * a shutdown gives the job back whole (Firestore `queued`, BullMQ `wait`, no attempt spent);
 * anything else is written as its Firestore ending (see `classify.ts`), then thrown for BullMQ.
 */
export async function settleFailure(
  services: SyncServices,
  delivery: ClaimedDelivery,
  error: unknown,
  context: { claimLost: boolean; shutdown: AbortSignal | undefined },
): Promise<SyncJobOutcome> {
  const { job, token, record } = delivery;
  const log = jobLogFields(services, { ...record, jobId: record.id });
  if (context.claimLost || error instanceof LostClaimError) {
    services.logger.warn({ ...log }, 'claim lost to another worker; leaving the job to it');
    return { outcome: 'skipped', jobId: record.id, reason: 'claim-lost' };
  }
  if (isShutdown(context.shutdown)) {
    services.logger.info({ ...log }, 'shutting down; releasing the job');
    await services.jobs.release(record.userId, record.id, services.workerId);
    await job.moveToWait(token);
    throw new WaitingError();
  }
  throw await settleAction(services, delivery, error, classifySyncError(error, services.now()));
}

/** Writes the ending an error's action calls for and returns the error BullMQ must see. */
async function settleAction(
  services: SyncServices,
  { job, token, record }: ClaimedDelivery,
  error: unknown,
  action: SyncErrorAction,
): Promise<Error> {
  const log = jobLogFields(services, { ...record, jobId: record.id });
  switch (action.action) {
    case 'delay':
    case 'park': {
      // Not the job's fault: give it back and come back later without spending an attempt.
      services.logger.info(
        { ...log, action: action.action, untilMs: action.untilMs, reason: action.reason },
        'delaying job',
      );
      await services.jobs.release(record.userId, record.id, services.workerId);
      await delayUntil(services, job, action.untilMs, token);
      return new DelayedError();
    }
    case 'reconnect': {
      const message = reconnectMessage(action.reason);
      services.logger.warn({ ...log, reason: action.reason }, 'credential unusable; reconnect needed');
      await endInError(services, record, message, true);
      return unrecoverable(message);
    }
    case 'fail': {
      services.logger.warn({ ...log, reason: action.reason }, 'sync failed permanently');
      await endInError(services, record, action.reason);
      return unrecoverable(action.reason);
    }
    case 'abandon':
      return unrecoverable(action.reason);
    case 'retry': {
      if (isFinalAttempt(job)) {
        services.logger.error({ ...log, reason: action.reason }, 'sync failed after its last attempt');
        await endInError(
          services,
          record,
          `sync failed after ${job.attemptsMade + 1} attempts: ${action.reason}`,
        );
      } else {
        services.logger.warn(
          { ...log, reason: action.reason, attemptsMade: job.attemptsMade },
          'sync will be retried',
        );
        await services.jobs.release(record.userId, record.id, services.workerId);
      }
      return error instanceof Error ? error : new Error(action.reason);
    }
  }
}
