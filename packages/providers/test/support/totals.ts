import type { NormalizedMetricRecord } from '@cohorts/core/contract';
import { decimalToMicros, microsToNumber } from '@cohorts/core/money';

/** One date's totals over records, summed exactly (as micros), the way the sandbox states them. */
export interface DayTotals {
  date: string;
  currency: string;
  timeZone: string;
  campaigns: number;
  spendMicros: string;
  impressions: number;
  clicks: number;
  conversions: number;
  revenueMicros: string | null;
}

const micros = (amount: number) => decimalToMicros(amount.toFixed(6));

export function totalsByDate(records: readonly NormalizedMetricRecord[]): DayTotals[] {
  const byDate = new Map<string, NormalizedMetricRecord[]>();
  for (const record of records) byDate.set(record.date, [...(byDate.get(record.date) ?? []), record]);
  return [...byDate.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, day]) => {
      let spend = 0n;
      let conversions = 0n;
      let revenue: bigint | null = null;
      for (const record of day) {
        spend += micros(record.spend);
        conversions += micros(record.conversions);
        if (record.revenue !== null) revenue = (revenue ?? 0n) + micros(record.revenue);
      }
      return {
        date,
        currency: [...new Set(day.map((r) => r.currencyCode))].join(','),
        timeZone: [...new Set(day.map((r) => r.timeZone))].join(','),
        campaigns: day.length,
        spendMicros: spend.toString(),
        impressions: day.reduce((sum, r) => sum + r.impressions, 0),
        clicks: day.reduce((sum, r) => sum + r.clicks, 0),
        conversions: microsToNumber(conversions),
        revenueMicros: revenue === null ? null : revenue.toString(),
      };
    });
}
