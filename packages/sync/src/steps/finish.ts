import type { AdIntegration, SyncJobRecord } from '@cohorts/core/contract';
import type { AccountMetricsResult } from '@cohorts/providers';
import { type AccountOutcome, type SyncSummary, summarizeSync } from '../outcome';
import type { SyncServices } from '../services';
import { type AccountDateWindow, unreportableAccounts } from '../window';
import type { SyncPlan } from './plan-windows';
import { syncedAccounts } from './write-days';

/** How each planned account's part ended; an account the platform said nothing about failed. */
export function accountOutcomes(
  windows: readonly AccountDateWindow[],
  results: readonly AccountMetricsResult[],
): AccountOutcome[] {
  return windows.map(({ account }) => {
    const result = results.find((r) => r.accountId === account.id);
    if (!result) return { accountId: account.id, ok: false, reason: 'the platform returned nothing for it' };
    return result.ok
      ? { accountId: account.id, ok: true }
      : { accountId: account.id, ok: false, reason: result.error.message };
  });
}

/** The integration's `lastSyncMessage`: the summary, the warning count, and the accounts skipped. */
export function syncMessage(summary: SyncSummary, warnings: number, skippedIds: readonly string[]): string {
  return [
    summary.message,
    warnings > 0 ? ` (${warnings} warnings)` : '',
    skippedIds.length > 0
      ? `; skipped ${skippedIds.join(', ')}: closed or suspended, so the platform reports nothing`
      : '',
  ].join('');
}

/**
 * Step 6: the job ends `success` (some account synced) or `error` (none did), then the
 * integration's status and message follow; a success clears `reconnectRequired`.
 */
export async function finish(
  services: Pick<SyncServices, 'jobs' | 'integrations' | 'workerId'>,
  record: SyncJobRecord,
  integration: AdIntegration,
  plan: SyncPlan,
  results: readonly AccountMetricsResult[],
  syncedAt: Date,
): Promise<SyncSummary> {
  const { userId, providerId, id: jobId } = record;
  const summary = summarizeSync(accountOutcomes(plan.windows, results));
  const warnings = syncedAccounts(results).flatMap((r) => r.warnings);
  const skipped = unreportableAccounts(integration).map((account) => account.id);
  const message = syncMessage(summary, warnings.length, skipped);
  if (summary.status === 'success') await services.jobs.complete(userId, jobId, services.workerId, syncedAt);
  else
    await services.jobs.fail(
      userId,
      jobId,
      services.workerId,
      syncedAt,
      summary.errorMessage ?? summary.message,
    );
  await services.integrations.updateSyncStatus(userId, providerId, {
    lastSyncStatus: summary.status,
    lastSyncMessage: message,
    ...(summary.status === 'success' && { lastSyncedAt: syncedAt, reconnectRequired: false }),
  });
  return { ...summary, message };
}
