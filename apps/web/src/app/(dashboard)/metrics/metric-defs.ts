import { formatCount, formatMoney, formatMultiple, formatPercent } from './format';

/** The KPIs, in the order the panel shows them; the names are the ones the platforms' UIs use. */
export const metricKeys = [
  'spend',
  'impressions',
  'clicks',
  'conversions',
  'revenue',
  'ctr',
  'cpc',
  'cpa',
  'roas',
] as const;
export type MetricKey = (typeof metricKeys)[number];

type MetricKind = 'money' | 'count' | 'percent' | 'multiple';

export interface MetricInfo {
  label: string;
  kind: MetricKind;
  /** Money, or a ratio with money in it: only ever computed within one currency. */
  perCurrency: boolean;
  description: string;
}

export const metricInfo: Record<MetricKey, MetricInfo> = {
  spend: { label: 'Spend', kind: 'money', perCurrency: true, description: 'Cost in the account currency' },
  impressions: {
    label: 'Impressions',
    kind: 'count',
    perCurrency: false,
    description: 'Times ads were shown',
  },
  clicks: { label: 'Clicks', kind: 'count', perCurrency: false, description: 'Clicks on ads' },
  conversions: {
    label: 'Conversions',
    kind: 'count',
    perCurrency: false,
    description: 'Conversions as each platform attributes them',
  },
  revenue: {
    label: 'Revenue',
    kind: 'money',
    perCurrency: true,
    description: 'Conversion value, where the platform reports it',
  },
  ctr: { label: 'CTR', kind: 'percent', perCurrency: false, description: 'Clicks per impression' },
  cpc: { label: 'CPC', kind: 'money', perCurrency: true, description: 'Spend per click' },
  cpa: { label: 'CPA', kind: 'money', perCurrency: true, description: 'Spend per conversion' },
  roas: { label: 'ROAS', kind: 'multiple', perCurrency: true, description: 'Revenue per unit of spend' },
};

/** Totals a period or day carries; ratios are derived from them. */
export interface Totals {
  spend: number;
  impressions: number;
  clicks: number;
  conversions: number;
  /** Null when nothing reported conversion value (never a stand-in 0). */
  revenue: number | null;
}

const ratio = (numerator: number, denominator: number): number | null =>
  denominator > 0 ? numerator / denominator : null;

/** A metric's value from totals; null when it cannot be computed (no clicks for CPC, no revenue for ROAS). */
export function metricValue(metric: MetricKey, totals: Totals): number | null {
  switch (metric) {
    case 'spend':
    case 'impressions':
    case 'clicks':
    case 'conversions':
    case 'revenue':
      return totals[metric];
    case 'ctr':
      return ratio(totals.clicks, totals.impressions);
    case 'cpc':
      return ratio(totals.spend, totals.clicks);
    case 'cpa':
      return ratio(totals.spend, totals.conversions);
    case 'roas':
      return totals.revenue === null ? null : ratio(totals.revenue, totals.spend);
  }
}

/** A metric's value as text; `currencyCode` is required for money metrics. */
export function formatMetric(metric: MetricKey, value: number | null, currencyCode: string | null): string {
  if (value === null) return metric === 'revenue' || metric === 'roas' ? 'not reported' : '—';
  const { kind } = metricInfo[metric];
  if (kind === 'money') return currencyCode ? formatMoney(value, currencyCode) : formatCount(value);
  if (kind === 'percent') return formatPercent(value);
  if (kind === 'multiple') return formatMultiple(value);
  return formatCount(value);
}

/** Sums two totals of the same currency (callers group by currency first; never mix currencies). */
export function addSameCurrency(a: Totals, b: Totals): Totals {
  return {
    spend: a.spend + b.spend,
    impressions: a.impressions + b.impressions,
    clicks: a.clicks + b.clicks,
    conversions: a.conversions + b.conversions,
    revenue: a.revenue === null && b.revenue === null ? null : (a.revenue ?? 0) + (b.revenue ?? 0),
  };
}

export const emptyTotals: Totals = { spend: 0, impressions: 0, clicks: 0, conversions: 0, revenue: null };

/** Counts add up across currencies; money does not, so it is not in here. */
export interface CountTotals {
  impressions: number;
  clicks: number;
  conversions: number;
}

export function countTotals(items: readonly CountTotals[]): CountTotals {
  return items.reduce(
    (sum, item) => ({
      impressions: sum.impressions + item.impressions,
      clicks: sum.clicks + item.clicks,
      conversions: sum.conversions + item.conversions,
    }),
    { impressions: 0, clicks: 0, conversions: 0 },
  );
}

/** A count metric (or CTR) from counts alone; null for money metrics, which need one currency. */
export function countMetricValue(metric: MetricKey, counts: CountTotals): number | null {
  if (metric === 'impressions' || metric === 'clicks' || metric === 'conversions') return counts[metric];
  if (metric === 'ctr') return ratio(counts.clicks, counts.impressions);
  return null;
}
