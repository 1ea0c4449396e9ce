import type { AccountMetricsResult } from '@cohorts/providers';
import { isProviderError } from '@cohorts/providers';
import { progressReporter } from '../progress';
import { isFinalAttempt, type SyncRun, type SyncServices } from '../services';
import { windowLength } from '../window';
import type { FreshTokens } from './fresh-tokens';
import type { SyncPlan } from './plan-windows';

/**
 * The failure that retries the whole job: a retryable account failure while attempts remain
 * (writes are idempotent). On the last attempt there is none: the others are written and the
 * failure is named.
 */
export function failureToRetry(
  results: readonly AccountMetricsResult[],
  finalAttempt: boolean,
): Error | null {
  if (finalAttempt) return null;
  for (const result of results) if (!result.ok && result.error.retryable) return result.error;
  return null;
}

/**
 * Step 4: every account's window from the platform, with progress reported as accounts finish.
 * An auth error is retried once after a token refresh. The final progress write is still running
 * when this returns (`progressWritten`).
 */
export async function fetchWindows(
  services: SyncServices,
  { job, record, signal }: SyncRun,
  plan: SyncPlan,
  tokens: FreshTokens,
): Promise<{ results: AccountMetricsResult[]; progressWritten: Promise<void> }> {
  const connector = services.connectors[record.providerId];
  const progress = progressReporter(
    services,
    job,
    record,
    plan.windows.map((w) => ({ accountId: w.account.id, days: windowLength(w) })),
  );
  const fetch = () =>
    connector.fetchDailyMetrics(tokens.context(), {
      windows: plan.windows,
      signal,
      onProgress: progress.onProgress,
    });
  let results: AccountMetricsResult[];
  try {
    results = await fetch();
  } catch (error) {
    if (!(isProviderError(error) && error.kind === 'auth' && (await tokens.refreshAfterAuthError())))
      throw error;
    results = await fetch();
  }
  // The last progress write overlaps the day writes; the ending waits for it (`finish`).
  const progressWritten = progress.flush();
  const retry = failureToRetry(results, isFinalAttempt(job));
  if (retry) {
    await progressWritten;
    throw retry;
  }
  return { results, progressWritten };
}
