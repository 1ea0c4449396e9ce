import { buildAdMetricsDays, carryOverAccounts } from '@cohorts/core';
import type { AdMetricsDay, ProviderId } from '@cohorts/core/contract';
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

/**
 * Step 5: stores the raw responses, then overwrites (never increments) the day documents. A day
 * document sums all accounts, so an account keeps its stored numbers on each day this sync
 * rewrites without reading it there: it failed, or the date is outside its own local window (time
 * zones put "yesterday" on different dates).
 */
export async function writeDays(
  services: Pick<SyncServices, 'rawPayloads' | 'metrics'>,
  { job, record }: Pick<SyncRun, 'job' | 'record'>,
  plan: SyncPlan,
  results: readonly AccountMetricsResult[],
  syncedAt: Date,
): Promise<void> {
  const { userId, providerId, id: jobId } = record;
  const ok = syncedAccounts(results);
  const raw = ok.flatMap((r) => r.raw);
  const rawPayloadRef =
    raw.length > 0
      ? await services.rawPayloads.put({ userId, providerId, jobId, attempt: job.attemptsMade + 1 }, raw)
      : null;
  const days = syncedDays(providerId, plan.windows, ok, { syncedAt, rawPayloadRef });
  const okIds = new Set(ok.map((r) => r.accountId));
  const carriedOn = (date: string) => notRewrittenOn(date, plan.windows, okIds);
  const anyCarried = windowDates(plan.windows).some((date) => carriedOn(date).size > 0);
  const stored =
    anyCarried && plan.span
      ? (
          await services.metrics.readRange(userId, {
            from: plan.span.start,
            to: plan.span.end,
            providerIds: [providerId],
          })
        ).flatMap((row) => row.providers[providerId] ?? [])
      : [];
  await services.metrics.upsertDays(userId, carryOverAccounts(days, stored, carriedOn));
}
