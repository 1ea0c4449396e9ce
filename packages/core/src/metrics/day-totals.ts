import type { AdMetricsDay, CampaignMetrics, CurrencyTotals } from '../contract/ad-metrics';
import { microsToNumber, numberToMicros } from '../money/money';

/**
 * A day's totals from its campaigns: counts summed, money summed only within a currency (exactly,
 * through micros). `knownCurrencies` keep an explicit zero entry for accounts with no rows.
 */
export function dayTotals(
  campaigns: readonly CampaignMetrics[],
  knownCurrencies: readonly CurrencyTotals[] = [],
): Pick<
  AdMetricsDay,
  'currencyCode' | 'spend' | 'revenue' | 'impressions' | 'clicks' | 'conversions' | 'currencyTotals'
> {
  const money = new Map<string, { spend: bigint; revenue: bigint | null }>();
  // Currencies of accounts that synced with no rows keep their explicit zero entry.
  for (const known of knownCurrencies) money.set(known.currencyCode, { spend: 0n, revenue: null });
  let impressions = 0;
  let clicks = 0;
  let conversions = 0n;
  for (const campaign of campaigns) {
    const totals = money.get(campaign.currencyCode) ?? { spend: 0n, revenue: null };
    totals.spend += numberToMicros(campaign.spend);
    if (campaign.revenue !== null) totals.revenue = (totals.revenue ?? 0n) + numberToMicros(campaign.revenue);
    money.set(campaign.currencyCode, totals);
    impressions += campaign.impressions;
    clicks += campaign.clicks;
    conversions += numberToMicros(campaign.conversions);
  }
  const currencyTotals = [...money.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currencyCode, totals]) => ({
      currencyCode,
      spend: microsToNumber(totals.spend),
      revenue: totals.revenue === null ? null : microsToNumber(totals.revenue),
    }));
  const single = currencyTotals.length === 1 ? currencyTotals[0] : undefined;
  return {
    currencyCode: single?.currencyCode ?? null,
    spend: single?.spend ?? null,
    revenue: single?.revenue ?? null,
    impressions,
    clicks,
    conversions: microsToNumber(conversions),
    currencyTotals,
  };
}
