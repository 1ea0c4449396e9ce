import {
  countMetricValue,
  countTotals,
  type MetricKey,
  metricInfo,
  metricKeys,
  metricValue,
  type Totals,
} from './metric-defs';

export interface KpiValue {
  /** Null for counts and CTR, which add up across currencies. */
  currencyCode: string | null;
  current: number | null;
  previous: number | null;
  /** Relative change against the previous period; null when there is nothing to compare with. */
  change: number | null;
}

export interface KpiCard {
  metric: MetricKey;
  label: string;
  values: KpiValue[];
}

/** One currency's totals for the period and the period before it (the server's blended insight). */
export interface CurrencyPeriods {
  currencyCode: string;
  current: Totals;
  previous: Totals;
}

function relativeChange(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return (current - previous) / previous;
}

/**
 * The KPI cards: money and money ratios get one value per currency, side by side (never a sum
 * across currencies); impressions, clicks, conversions and CTR one value across all currencies.
 */
export function kpiCards(
  currencies: readonly CurrencyPeriods[],
  options: { previousComplete: boolean } = { previousComplete: true },
): KpiCard[] {
  // Against a period we hold only part of, a change would be made up: show none.
  const changeOf = (now: number | null, before: number | null) =>
    options.previousComplete ? relativeChange(now, before) : null;
  const current = countTotals(currencies.map((c) => c.current));
  const previous = countTotals(currencies.map((c) => c.previous));
  return metricKeys.map((metric) => {
    const info = metricInfo[metric];
    if (info.perCurrency) {
      return {
        metric,
        label: info.label,
        values: currencies.map((c) => {
          const now = metricValue(metric, c.current);
          const before = metricValue(metric, c.previous);
          return {
            currencyCode: c.currencyCode,
            current: now,
            previous: before,
            change: changeOf(now, before),
          };
        }),
      };
    }
    const now = countMetricValue(metric, current);
    const before = countMetricValue(metric, previous);
    return {
      metric,
      label: info.label,
      values:
        currencies.length === 0
          ? []
          : [{ currencyCode: null, current: now, previous: before, change: changeOf(now, before) }],
    };
  });
}
