import type { LastSyncStatus } from '@cohorts/core/contract';

/** How one ad account's part of a sync ended. */
export type AccountOutcome =
  | { accountId: string; ok: true }
  | { accountId: string; ok: false; reason: string };

/** What a finished sync says on the job and on the integration. */
export interface SyncSummary {
  status: Extract<LastSyncStatus, 'success' | 'error'>;
  /** For `lastSyncMessage`: what was synced and, when something failed, which account and why. */
  message: string;
  /** For the job's `errorMessage`: the failures only, or null when none. */
  errorMessage: string | null;
}

/** Longer reasons are cut so one noisy platform message cannot flood the integration document. */
const maxReasonLength = 200;

function shorten(reason: string): string {
  const flat = reason.replace(/\s+/g, ' ').trim();
  return flat.length > maxReasonLength ? `${flat.slice(0, maxReasonLength - 1)}…` : flat;
}

/**
 * A partial failure still succeeds (the other accounts' days are written) and names what failed,
 * e.g. "2 of 3 accounts synced; 123-456: account disabled". Only when no account synced is it an error.
 */
export function summarizeSync(outcomes: readonly AccountOutcome[]): SyncSummary {
  const total = outcomes.length;
  if (total === 0) return { status: 'success', message: 'no ad accounts to sync', errorMessage: null };
  const failed = outcomes.filter((outcome) => !outcome.ok);
  const synced = total - failed.length;
  const head = `${synced} of ${total} ${total === 1 ? 'account' : 'accounts'} synced`;
  if (failed.length === 0) return { status: 'success', message: head, errorMessage: null };
  const reasons = failed
    .map((outcome) => `${outcome.accountId}: ${outcome.ok ? '' : shorten(outcome.reason)}`)
    .join('; ');
  return { status: synced > 0 ? 'success' : 'error', message: `${head}; ${reasons}`, errorMessage: reasons };
}

/** The message a sync that must be re-authorized ends with. */
export function reconnectMessage(reason: string): string {
  return `reconnect needed: ${shorten(reason)}`;
}
