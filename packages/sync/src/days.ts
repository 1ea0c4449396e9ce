import type { AdAccount, AdMetricsDay, IsoDate, ProviderId } from '@cohorts/core/contract';

/**
 * Day documents for the dates a sync covered where no account had a row: explicit zero days, so a
 * re-sync overwrites a day whose numbers went away instead of leaving the old document behind.
 */
export function zeroDays(
  providerId: ProviderId,
  dates: readonly IsoDate[],
  written: readonly AdMetricsDay[],
  accounts: readonly AdAccount[],
  options: { syncedAt: Date; rawPayloadRef: string | null; timeZoneOf: (account: AdAccount) => string },
): AdMetricsDay[] {
  if (accounts.length === 0) return [];
  const have = new Set(written.map((day) => day.date));
  const currencies = [...new Set(accounts.map((account) => account.currencyCode))].sort();
  const timeZones = [...new Set(accounts.map(options.timeZoneOf))].sort();
  const single = currencies.length === 1 ? currencies[0] : undefined;
  return dates
    .filter((date) => !have.has(date))
    .map((date) => ({
      providerId,
      date,
      currencyCode: single ?? null,
      spend: single ? 0 : null,
      revenue: null,
      impressions: 0,
      clicks: 0,
      conversions: 0,
      currencyTotals: currencies.map((currencyCode) => ({ currencyCode, spend: 0, revenue: null })),
      timeZones,
      campaigns: [],
      creatives: [],
      conversionMapping: '',
      rawPayloadRef: options.rawPayloadRef,
      syncedAt: options.syncedAt,
    }));
}
