import { type AdIntegration, type ProviderId, providerDisplayNames, type SyncJobRecord } from '@cohorts/core';
import { accountsToSync, unreportableAccounts } from '@cohorts/sync';
import { choosableAccounts, isAwaitingAccountChoice } from '../linking/account-choice';

/**
 * What callers see. Dates travel as ISO strings (JSON has no dates, and the REST routes return
 * the same shapes); internal fields (worker claims, leases) and anything secret stay out.
 */
const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export function syncJobView(job: SyncJobRecord) {
  return {
    id: job.id,
    providerId: job.providerId,
    jobType: job.jobType,
    timeframeDays: job.timeframeDays,
    status: job.status,
    createdAt: job.createdAt.toISOString(),
    startedAt: iso(job.startedAt),
    processedAt: iso(job.processedAt),
    errorMessage: job.errorMessage,
    attempts: job.attempts,
    progress: job.progress,
    windowStart: job.windowStart,
    windowEnd: job.windowEnd,
  };
}
export type SyncJobView = ReturnType<typeof syncJobView>;

export function integrationView(integration: AdIntegration) {
  return {
    providerId: integration.providerId,
    displayName: providerDisplayNames[integration.providerId],
    scopes: integration.scopes,
    linkedAt: integration.linkedAt.toISOString(),
    lastSyncStatus: integration.lastSyncStatus,
    lastSyncedAt: iso(integration.lastSyncedAt),
    lastSyncRequestedAt: iso(integration.lastSyncRequestedAt),
    lastSyncMessage: integration.lastSyncMessage,
    autoSyncEnabled: integration.autoSyncEnabled,
    syncFrequencyMinutes: integration.syncFrequencyMinutes,
    scheduledTimeframeDays: integration.scheduledTimeframeDays,
    accessTokenExpiresAt: iso(integration.accessTokenExpiresAt),
    refreshTokenExpiresAt: iso(integration.refreshTokenExpiresAt),
    reconnectRequired: integration.reconnectRequired,
    adAccounts: integration.adAccounts,
    selectedAccountIds: integration.selectedAccountIds,
    liveSyncJobId: integration.liveSyncJobId,
    nextSyncDueAt: iso(integration.nextSyncDueAt),
    awaitingAccountChoice: isAwaitingAccountChoice(integration),
    accountCoverage: accountCoverage(integration),
  };
}

/**
 * Which accounts a sync covers, by the sync engine's own rule (the same functions pick them), so
 * the dashboard's account line and the sync's message cannot disagree.
 */
function accountCoverage(integration: AdIntegration) {
  return {
    /** Accounts the login offers to sync (managers hold no metrics and are not counted). */
    available: choosableAccounts(integration.adAccounts).length,
    /** Every available account is synced (no selection was made), or only the chosen ones. */
    selection: integration.selectedAccountIds.length === 0 ? ('all' as const) : ('chosen' as const),
    synced: accountsToSync(integration).length,
    /** Wanted but skipped: the platform reports nothing for them (closed or suspended). */
    skipped: unreportableAccounts(integration).map((account) => ({ id: account.id, name: account.name })),
  };
}

/** The badge data of one provider, linked or not (what `/api/integrations/status` answers, and the dashboard's badges read). */
export function integrationStatusView(
  providerId: ProviderId,
  integration: AdIntegration | null,
  liveJob: SyncJobRecord | null,
) {
  return {
    providerId,
    displayName: providerDisplayNames[providerId],
    linked: integration !== null,
    lastSyncStatus: integration?.lastSyncStatus ?? 'never',
    lastSyncedAt: iso(integration?.lastSyncedAt ?? null),
    lastSyncRequestedAt: iso(integration?.lastSyncRequestedAt ?? null),
    lastSyncMessage: integration?.lastSyncMessage ?? null,
    reconnectRequired: integration?.reconnectRequired ?? false,
    accessTokenExpiresAt: iso(integration?.accessTokenExpiresAt ?? null),
    refreshTokenExpiresAt: iso(integration?.refreshTokenExpiresAt ?? null),
    liveJob: liveJob ? syncJobView(liveJob) : null,
  };
}
