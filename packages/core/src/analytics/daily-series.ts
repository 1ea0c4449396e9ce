import type { AdMetricsDay } from '../contract/ad-metrics';
import { microsToNumber, numberToMicros } from '../money/money';
import type { MetricTotals } from './insights';

/** One currency's totals of a provider's day: counts and money of the campaigns billed in it. */
export interface CurrencyDayFigures extends MetricTotals {
  currencyCode: string;
}

/**
 * A day document split by currency, from its campaigns: what a chart needs to plot money per
 * currency and counts across currencies, without shipping every campaign of every day.
 * Money is summed exactly (micros) and only within a currency; revenue stays null when no campaign
 * of the currency reported it.
 */
export function currencyDayFigures(day: Pick<AdMetricsDay, 'campaigns'>): CurrencyDayFigures[] {
  const groups = new Map<
    string,
    { spend: bigint; impressions: number; clicks: number; conversions: bigint; revenue: bigint | null }
  >();
  for (const campaign of day.campaigns) {
    const group = groups.get(campaign.currencyCode) ?? {
      spend: 0n,
      impressions: 0,
      clicks: 0,
      conversions: 0n,
      revenue: null,
    };
    group.spend += numberToMicros(campaign.spend);
    group.impressions += campaign.impressions;
    group.clicks += campaign.clicks;
    group.conversions += numberToMicros(campaign.conversions);
    if (campaign.revenue !== null) group.revenue = (group.revenue ?? 0n) + numberToMicros(campaign.revenue);
    groups.set(campaign.currencyCode, group);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currencyCode, group]) => ({
      currencyCode,
      spend: microsToNumber(group.spend),
      impressions: group.impressions,
      clicks: group.clicks,
      conversions: microsToNumber(group.conversions),
      revenue: group.revenue === null ? null : microsToNumber(group.revenue),
    }));
}
