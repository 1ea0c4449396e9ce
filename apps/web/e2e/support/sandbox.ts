import {
  addDays,
  type FaultInput,
  fixtures,
  localDate,
  type SandboxProvider,
  sandboxControl,
} from '@cohorts/sandbox';
import { expectedTotals as sandboxExpectedTotals } from '@cohorts/sync/testing';
import { stackInfo } from '../harness/stack-info';

/** The sandbox's control API (faults, expected totals), as the tests use it. */
export function addFault(fault: FaultInput): Promise<{ id: string }> {
  return sandboxControl(stackInfo().sandboxUrl, 'faults', { json: fault });
}

export function clearFaults(): Promise<unknown> {
  return sandboxControl(stackInfo().sandboxUrl, 'faults', { method: 'DELETE' });
}

/** A sandbox ad account by the name a person sees in the account picker. */
function sandboxAccount(provider: SandboxProvider, name: string) {
  const account = fixtures[provider].accounts.find((a) => a.name === name);
  if (!account) throw new Error(`no ${provider} sandbox account named ${name}`);
  return account;
}

/**
 * Holds every request about one account for `delayMs` (the data stays the same) until the returned
 * function is called, so a sync is caught half-way: the other accounts done, this one still running.
 */
export async function holdAccount(
  provider: SandboxProvider,
  accountName: string,
  delayMs = 4_000,
): Promise<() => Promise<void>> {
  const { id } = await addFault({
    kind: 'slow',
    provider,
    accountId: sandboxAccount(provider, accountName).id,
    delayMs,
  });
  return async () => {
    await sandboxControl(stackInfo().sandboxUrl, `faults/${id}`, { method: 'DELETE' });
  };
}

/** What a correct sync stored for some accounts over a range: money per currency, counts overall. */
export interface ExpectedTotals {
  /** Spend in micros per currency code; never summed across currencies. */
  spendMicros: Map<string, bigint>;
  impressions: number;
  clicks: number;
}

/** Ad accounts of one platform, by the names the account picker shows. */
export interface AccountChoice {
  provider: SandboxProvider;
  accounts: readonly string[];
}

/** The sandbox's `/__sandbox/expected` totals of the chosen accounts over [from, to] (the sync tests' sums). */
export async function expectedTotals(
  choices: readonly AccountChoice[],
  range: { from: string; to: string },
): Promise<ExpectedTotals> {
  const totals: ExpectedTotals = { spendMicros: new Map(), impressions: 0, clicks: 0 };
  for (const { provider, accounts } of choices) {
    const windows = accounts.map((name) => ({
      accountId: sandboxAccount(provider, name).id,
      start: range.from,
      end: range.to,
    }));
    const platform = await sandboxExpectedTotals(stackInfo().sandboxUrl, provider, windows);
    for (const [currency, micros] of Object.entries(platform.spendMicros)) {
      totals.spendMicros.set(currency, (totals.spendMicros.get(currency) ?? 0n) + micros);
    }
    totals.impressions += platform.impressions;
    totals.clicks += platform.clicks;
  }
  return totals;
}

/**
 * The `days` dates ending the day before the sandbox's frozen "today" in `timeZone`: the same dates
 * whatever the hour the run starts at or how long it takes.
 */
export function pinnedRange(days: number, timeZone: string): { from: string; to: string } {
  const today = localDate(Date.parse(stackInfo().pinnedNow), timeZone);
  const to = addDays(today, -1);
  return { from: addDays(to, -(days - 1)), to };
}
