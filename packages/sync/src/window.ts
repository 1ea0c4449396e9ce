import {
  type AdAccount,
  type AdIntegration,
  addDays,
  daysBetween,
  eachDate,
  type IsoDate,
  localDateIn,
  type ProviderId,
  type SyncJob,
} from '@cohorts/core/contract';

/** An initial backfill covers the last 90 account-local days. */
export const backfillDays = 90;
/**
 * The platforms restate conversions for up to 7 days after a click (1 day after a view), so every
 * incremental sync re-reads at least the last 8 days: yesterday plus the attribution window.
 */
export const attributionWindowDays = 8;

/** One account's account-local date window, both ends included. */
export interface AccountDateWindow {
  account: AdAccount;
  start: IsoDate;
  end: IsoDate;
}

/** The time zone whose calendar an account's dates follow (LinkedIn reports in UTC days). */
export function reportingTimeZone(providerId: ProviderId, account: AdAccount): string {
  return providerId === 'linkedin' ? 'UTC' : account.timeZone;
}

/** How many days a job syncs, ending yesterday. */
export function syncWindowDays(
  job: Pick<SyncJob, 'jobType' | 'timeframeDays'>,
  integration: Pick<AdIntegration, 'scheduledTimeframeDays'>,
): number {
  if (job.jobType === 'initial-backfill') return Math.max(backfillDays, job.timeframeDays);
  return Math.max(attributionWindowDays, integration.scheduledTimeframeDays ?? 0, job.timeframeDays);
}

/**
 * Whether the platform reports on the account at all: Google refuses every report for a cancelled,
 * closed or suspended customer (CUSTOMER_NOT_ENABLED), so syncing one only produces a failure.
 */
export function canReport(providerId: ProviderId, account: AdAccount): boolean {
  return !(providerId === 'google' && (account.status === 'closed' || account.status === 'disabled'));
}

/**
 * The accounts a sync covers: the selected ones, or every non-manager account when none is
 * selected. Managers hold no metrics; a selected id the login no longer sees is left out, and so
 * is an account the platform cannot report on (`unreportableAccounts` names those).
 */
export function accountsToSync(
  integration: Pick<AdIntegration, 'providerId' | 'adAccounts' | 'selectedAccountIds'>,
): AdAccount[] {
  return wantedAccounts(integration).filter((account) => canReport(integration.providerId, account));
}

/** Wanted accounts the platform cannot report on (skipped, and said so in the sync's message). */
export function unreportableAccounts(
  integration: Pick<AdIntegration, 'providerId' | 'adAccounts' | 'selectedAccountIds'>,
): AdAccount[] {
  return wantedAccounts(integration).filter((account) => !canReport(integration.providerId, account));
}

function wantedAccounts(integration: Pick<AdIntegration, 'adAccounts' | 'selectedAccountIds'>): AdAccount[] {
  const syncable = integration.adAccounts.filter((account) => !account.isManager);
  if (integration.selectedAccountIds.length === 0) return syncable;
  const selected = new Set(integration.selectedAccountIds);
  return syncable.filter((account) => selected.has(account.id));
}

/** Each account's window: `days` account-local days ending yesterday in its reporting time zone. */
export function accountWindows(
  providerId: ProviderId,
  accounts: readonly AdAccount[],
  days: number,
  now: Date,
): AccountDateWindow[] {
  return accounts.map((account) => {
    const end = addDays(localDateIn(reportingTimeZone(providerId, account), now), -1);
    return { account, start: addDays(end, -(days - 1)), end };
  });
}

/** The overall span (earliest start to latest end) of some windows, or null when there are none. */
export function windowSpan(
  windows: readonly { start: IsoDate; end: IsoDate }[],
): { start: IsoDate; end: IsoDate } | null {
  if (windows.length === 0) return null;
  let start = windows[0]?.start ?? '';
  let end = windows[0]?.end ?? '';
  for (const window of windows) {
    if (window.start < start) start = window.start;
    if (window.end > end) end = window.end;
  }
  return { start, end };
}

/** Every date some window covers, in order. */
export function windowDates(windows: readonly { start: IsoDate; end: IsoDate }[]): IsoDate[] {
  const dates = new Set<IsoDate>();
  for (const window of windows) for (const date of eachDate(window.start, window.end)) dates.add(date);
  return [...dates].sort();
}

/** Days in a window, both ends included. */
export function windowLength(window: { start: IsoDate; end: IsoDate }): number {
  return daysBetween(window.start, window.end) + 1;
}
