import type { AdMetricsDay, CampaignMetrics, CurrencyTotals } from '../contract/ad-metrics';
import type { Creative } from '../contract/normalized-payload';
import { microsToNumber, numberToMicros } from '../money/money';

/**
 * A partial sync must not erase what it could not read. Day documents hold every account's
 * campaigns, so writing the days of a sync where one account failed would drop that account's
 * numbers until the next good sync. For each day being written, this takes the campaigns of
 * `accountIds` over from the stored document and recomputes the day's totals from its campaigns.
 * Pure; days with nothing to carry are returned unchanged.
 */
export function carryOverAccounts(
  days: readonly AdMetricsDay[],
  stored: readonly AdMetricsDay[],
  accountIds: ReadonlySet<string>,
): AdMetricsDay[] {
  if (accountIds.size === 0) return [...days];
  const storedByDate = new Map(stored.map((day) => [day.date, day]));
  return days.map((day) => {
    const before = storedByDate.get(day.date);
    const carried = before?.campaigns.filter((campaign) => accountIds.has(campaign.accountId)) ?? [];
    if (!before || carried.length === 0) return day;
    const campaigns = [...day.campaigns, ...carried].sort(
      (a, b) => a.accountId.localeCompare(b.accountId) || a.id.localeCompare(b.id),
    );
    return {
      ...day,
      ...totalsOf(campaigns, day.currencyTotals),
      campaigns,
      creatives: unionById(day.creatives, before.creatives),
      timeZones: [...new Set([...day.timeZones, ...before.timeZones])].sort(),
      conversionMapping: [
        ...new Set(
          [day.conversionMapping, before.conversionMapping].flatMap((m) => m.split('; ')).filter(Boolean),
        ),
      ]
        .sort()
        .join('; '),
    };
  });
}

/** A day's totals from its campaigns; money only within a currency (never summed across). */
function totalsOf(
  campaigns: readonly CampaignMetrics[],
  knownCurrencies: readonly CurrencyTotals[],
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

function unionById(first: readonly Creative[], second: readonly Creative[]): Creative[] {
  const byId = new Map<string, Creative>();
  for (const creative of [...second, ...first]) byId.set(creative.id, creative);
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}
