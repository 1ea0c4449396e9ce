import { buildAdMetricsDays, carryOverAccounts } from '@cohorts/core';
import { type AdMetricsDay, addDays, type ProviderId } from '@cohorts/core/contract';
import type { AccountMetricsResult } from '@cohorts/providers';
import { zeroDays } from '../days';
import type { SyncRun, SyncServices } from '../services';
import { type AccountDateWindow, reportingTimeZone, windowDates } from '../window';
import type { SyncPlan } from './plan-windows';

type AccountSynced = Extract<AccountMetricsResult, { ok: true }>;

export function syncedAccounts(results: readonly AccountMetricsResult[]): AccountSynced[] {
  return results.filter((r): r is AccountSynced => r.ok);
}

/** The synced accounts whose numbers on `date` this sync did not read: failed, or outside their window. */
export function notRewrittenOn(
  date: string,
  windows: readonly AccountDateWindow[],
  okIds: ReadonlySet<string>,
): ReadonlySet<string> {
  const ids = new Set<string>();
  for (const { account, start, end } of windows) {
    if (!okIds.has(account.id) || date < start || date > end) ids.add(account.id);
  }
  return ids;
}

/**
 * The day documents the accounts that synced produced, plus explicit zero days for covered dates
 * without rows (so a re-sync overwrites a day whose numbers went away).
 */
export function syncedDays(
  providerId: ProviderId,
  windows: readonly AccountDateWindow[],
  ok: readonly AccountSynced[],
  stamp: { syncedAt: Date; rawPayloadRef: string | null },
): AdMetricsDay[] {
  const days = buildAdMetricsDays(
    providerId,
    ok.flatMap((r) => r.records),
    stamp,
  );
  const okIds = new Set(ok.map((r) => r.accountId));
  const okWindows = windows.filter((w) => okIds.has(w.account.id));
  const filler = zeroDays(
    providerId,
    windowDates(okWindows),
    days,
    okWindows.map((w) => w.account),
    { ...stamp, timeZoneOf: (account) => reportingTimeZone(providerId, account) },
  );
  return [...days, ...filler];
}

/** The dates on which some account keeps its stored numbers (see `notRewrittenOn`), in order. */
export function carriedDates(windows: readonly AccountDateWindow[], okIds: ReadonlySet<string>): string[] {
  return windowDates(windows).filter((date) => notRewrittenOn(date, windows, okIds).size > 0);
}

/** Runs of consecutive dates, e.g. [d1, d2, d5] -> [[d1, d2], [d5]] (one range read each). */
function consecutiveRuns(dates: readonly string[]): { from: string; to: string }[] {
  const runs: { from: string; to: string }[] = [];
  for (const date of dates) {
    const last = runs.at(-1);
    if (last && addDays(last.to, 1) === date) last.to = date;
    else runs.push({ from: date, to: date });
  }
  return runs;
}

async function readStoredDays(
  services: Pick<SyncServices, 'metrics'>,
  { userId, providerId }: Pick<SyncRun['record'], 'userId' | 'providerId'>,
  dates: readonly string[],
): Promise<AdMetricsDay[]> {
  const rows = await Promise.all(
    consecutiveRuns(dates).map((run) =>
      services.metrics.readRange(userId, { ...run, providerIds: [providerId] }),
    ),
  );
  return rows.flat().flatMap((row) => row.providers[providerId] ?? []);
}

/** The stored day documents a sync carries numbers over from. */
export interface StoredDays {
  on(dates: readonly string[]): Promise<AdMetricsDay[]>;
}

/**
 * Starts reading the stored days this sync carries numbers over on if every account syncs (the
 * dates outside some account's own window), so that read overlaps the fetch: only this
 * integration's syncs write its day documents, and the claim keeps them to one at a time. A failed
 * account's other dates are read once known.
 */
export function prefetchStoredDays(
  services: Pick<SyncServices, 'metrics'>,
  record: Pick<SyncRun['record'], 'userId' | 'providerId'>,
  plan: Pick<SyncPlan, 'windows'>,
): StoredDays {
  const expected = carriedDates(plan.windows, new Set(plan.windows.map((w) => w.account.id)));
  const prefetched = expected.length > 0 ? readStoredDays(services, record, expected) : Promise.resolve([]);
  prefetched.catch(() => undefined); // observed in `on`; not unhandled if the fetch fails first
  const have = new Set(expected);
  return {
    async on(dates) {
      if (dates.length === 0) return [];
      if (!dates.every((date) => have.has(date))) return readStoredDays(services, record, dates);
      const wanted = new Set(dates);
      return (await prefetched).filter((day) => wanted.has(day.date));
    },
  };
}

/**
 * Step 5: stores the raw responses, then overwrites (never increments) the day documents. A day
 * document sums all accounts, so an account keeps its stored numbers on each day this sync
 * rewrites without reading it there: it failed, or the date is outside its own local window (time
 * zones put "yesterday" on different dates). Only those dates' stored documents are read.
 */
export async function writeDays(
  services: Pick<SyncServices, 'rawPayloads' | 'metrics'>,
  { job, record }: Pick<SyncRun, 'job' | 'record'>,
  plan: SyncPlan,
  results: readonly AccountMetricsResult[],
  syncedAt: Date,
  storedDays: StoredDays,
): Promise<void> {
  const { userId, providerId, id: jobId } = record;
  await plan.recorded;
  const ok = syncedAccounts(results);
  const okIds = new Set(ok.map((r) => r.accountId));
  const raw = ok.flatMap((r) => r.raw);
  const [rawPayloadRef, stored] = await Promise.all([
    raw.length > 0
      ? services.rawPayloads.put({ userId, providerId, jobId, attempt: job.attemptsMade + 1 }, raw)
      : null,
    storedDays.on(carriedDates(plan.windows, okIds)),
  ]);
  const days = syncedDays(providerId, plan.windows, ok, { syncedAt, rawPayloadRef });
  const carriedOn = (date: string) => notRewrittenOn(date, plan.windows, okIds);
  await services.metrics.upsertDays(userId, carryOverAccounts(days, stored, carriedOn));
}
