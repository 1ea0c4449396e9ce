import type { AccountMetricsResult, AccountWindow } from '../../connector';
import { ProviderError } from '../../http/provider-error';
import { mapWithConcurrency } from '../../util/concurrency';

/** Errors about the whole credential end the fetch; the rest stay with their account. */
function concernsCredential(error: ProviderError): boolean {
  return error.kind === 'auth' || error.kind === 'quota-exhausted';
}

/**
 * Runs one fetch per account window, at most `concurrency` at once. An account's `ProviderError`
 * becomes its own failed result; an auth or quota error stops the other accounts and is thrown.
 */
export async function fetchPerAccount(
  windows: readonly AccountWindow[],
  concurrency: number,
  signals: ReadonlyArray<AbortSignal | undefined>,
  fetchAccount: (window: AccountWindow, signal: AbortSignal) => Promise<AccountMetricsResult>,
): Promise<AccountMetricsResult[]> {
  const stop = new AbortController();
  const combined = AbortSignal.any([
    ...signals.filter((s): s is AbortSignal => s !== undefined),
    stop.signal,
  ]);
  let fatal: ProviderError | undefined;
  const results = await mapWithConcurrency(windows, concurrency, async (window) => {
    const accountId = window.account.id;
    if (fatal) return { accountId, ok: false as const, error: fatal };
    try {
      return await fetchAccount(window, combined);
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      if (concernsCredential(error)) {
        fatal ??= error;
        stop.abort(error);
      }
      return { accountId, ok: false as const, error: error.forAccount(accountId) };
    }
  });
  if (fatal) throw fatal;
  return results;
}
