import 'server-only';
import { initialBackfillDays, type ProviderId } from '@cohorts/core';
import { syncJobService } from '../services';

/** The 90-day backfill. Forced: a queued scheduled sync gives way; a running sync is left to finish. */
export function startBackfill(userId: string, providerId: ProviderId) {
  return syncJobService().enqueue(userId, providerId, 'initial-backfill', initialBackfillDays, {
    force: true,
  });
}
