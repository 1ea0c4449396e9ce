import type { ProviderId } from '@cohorts/core/contract';
import {
  addSameCurrency,
  countMetricValue,
  countTotals,
  emptyTotals,
  type MetricKey,
  metricInfo,
  metricValue,
  type Totals,
} from './metric-defs';

/** What the chart needs of a day (the server's overview day). */
export interface SeriesDay {
  date: string;
  providers: Partial<
    Record<
      ProviderId,
      {
        state: 'reported' | 'no-activity' | 'syncing' | 'not-synced' | 'not-linked';
        figures: (Totals & { currencyCode: string })[];
        mayChangeUntil: string | null;
      }
    >
  >;
}

export type ChartPoint = { date: string } & Partial<Record<ProviderId, number | null>>;

/** Every currency the days hold, sorted. */
export function currenciesIn(days: readonly SeriesDay[]): string[] {
  const codes = new Set<string>();
  for (const day of days)
    for (const provider of Object.values(day.providers))
      for (const figure of provider?.figures ?? []) codes.add(figure.currencyCode);
  return [...codes].sort();
}

/**
 * One provider-day's value of a metric: money metrics in `currencyCode` only; counts and CTR
 * across its currencies. Null for any day without reported numbers (no activity, still syncing,
 * not synced, not linked) and for a day with nothing in that currency: a gap, never a made-up zero.
 */
export function dayValue(
  day: SeriesDay['providers'][ProviderId],
  metric: MetricKey,
  currencyCode: string | null,
): number | null {
  if (day?.state !== 'reported') return null;
  if (metricInfo[metric].perCurrency) {
    const figure = day.figures.find((f) => f.currencyCode === currencyCode);
    return figure ? metricValue(metric, figure) : null;
  }
  return countMetricValue(metric, countTotals(day.figures));
}

/** The chart's rows: one per date, one value per provider. */
export function chartPoints(
  days: readonly SeriesDay[],
  providers: readonly ProviderId[],
  metric: MetricKey,
  currencyCode: string | null,
): ChartPoint[] {
  return days.map((day) => {
    const point: ChartPoint = { date: day.date };
    for (const providerId of providers)
      point[providerId] = dayValue(day.providers[providerId], metric, currencyCode);
    return point;
  });
}

/** Providers with at least one value to draw. */
export function providersWithValues(
  points: readonly ChartPoint[],
  providers: readonly ProviderId[],
): ProviderId[] {
  return providers.filter((providerId) => points.some((point) => typeof point[providerId] === 'number'));
}

/**
 * A provider's figure for the whole range, for the chart's summary: totals summed over its reported
 * days (within one currency for money), ratios taken from those totals, not averaged day by day.
 */
export function rangeValue(
  days: readonly SeriesDay[],
  providerId: ProviderId,
  metric: MetricKey,
  currencyCode: string | null,
): number | null {
  const reported = days.map((d) => d.providers[providerId]).filter((d) => d?.state === 'reported');
  if (reported.length === 0) return null;
  if (metricInfo[metric].perCurrency) {
    const figures = reported.flatMap((d) => d?.figures.filter((f) => f.currencyCode === currencyCode) ?? []);
    if (figures.length === 0) return null;
    return metricValue(metric, figures.reduce<Totals>(addSameCurrency, emptyTotals));
  }
  return countMetricValue(metric, countTotals(reported.flatMap((d) => d?.figures ?? [])));
}

/** The earliest provisional date among the days (any provider), or null when all are final. */
export function firstProvisionalDate(days: readonly SeriesDay[]): string | null {
  for (const day of days)
    if (Object.values(day.providers).some((p) => p?.state === 'reported' && p.mayChangeUntil !== null))
      return day.date;
  return null;
}
