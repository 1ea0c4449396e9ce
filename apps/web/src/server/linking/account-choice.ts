import { type AdAccount, type AdIntegration, isAwaitingAccountChoice } from '@cohorts/core/contract';

export { isAwaitingAccountChoice };

/**
 * Choosing ad accounts before the first sync. An agency login often sees dozens of clients'
 * accounts; syncing all of them before the person chose would read (and store) numbers nobody asked
 * for. So a first link of a login with more than one account to choose from waits: it is stored
 * with `accountChoicePending: true`, `lastSyncStatus: 'never'` and no `nextSyncDueAt` (core's
 * `isAwaitingAccountChoice`; the scheduler skips it even when forced), and the 90-day backfill
 * starts when the selection is saved.
 * Pure rules, no I/O.
 */

/** Accounts that can be chosen: managers hold no metrics of their own. */
export function choosableAccounts(accounts: readonly AdAccount[]): AdAccount[] {
  return accounts.filter((account) => !account.isManager);
}

/**
 * Whether a link waits for the choice: a first link (or one still waiting) with more than one
 * account to choose from. A re-link keeps the earlier choice and syncs at once.
 */
export function linkAwaitsAccountChoice(
  accounts: readonly AdAccount[],
  existing: AdIntegration | null,
): boolean {
  const waiting = existing === null || isAwaitingAccountChoice(existing);
  return waiting && choosableAccounts(accounts).length > 1;
}

/** The account ids a selection syncs (an empty selection means every choosable account). */
function coveredIds(accounts: readonly AdAccount[], selected: readonly string[]): Set<string> {
  return new Set(selected.length > 0 ? selected : choosableAccounts(accounts).map((a) => a.id));
}

/** Accounts a new selection adds to what was synced before: they need their 90 days of history. */
export function addedAccountIds(
  accounts: readonly AdAccount[],
  before: readonly string[],
  after: readonly string[],
): string[] {
  const had = coveredIds(accounts, before);
  return [...coveredIds(accounts, after)].filter((id) => !had.has(id));
}
