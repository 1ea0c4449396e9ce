import type { AdMetricsDay } from '../contract/ad-metrics';
import type { Creative } from '../contract/normalized-payload';
import { dayTotals } from './day-totals';

/**
 * A sync must not erase what it did not read. Day documents hold every account's campaigns, so
 * writing a day would drop the campaigns of an account the sync did not read on that date: one that
 * failed, or one whose own local window does not reach that date (an account ahead of UTC has
 * "yesterday" a day later than one behind it). For each day being written, this takes the campaigns
 * of the accounts `carriedOn(date)` names over from the stored document and recomputes the day's
 * totals from its campaigns. Pure; days with nothing to carry are returned unchanged.
 */
export function carryOverAccounts(
  days: readonly AdMetricsDay[],
  stored: readonly AdMetricsDay[],
  carriedOn: ReadonlySet<string> | ((date: string) => ReadonlySet<string>),
): AdMetricsDay[] {
  const accountsOn = typeof carriedOn === 'function' ? carriedOn : () => carriedOn;
  const storedByDate = new Map(stored.map((day) => [day.date, day]));
  return days.map((day) => {
    const before = storedByDate.get(day.date);
    const accountIds = accountsOn(day.date);
    const carried = before?.campaigns.filter((campaign) => accountIds.has(campaign.accountId)) ?? [];
    if (!before || carried.length === 0) return day;
    const campaigns = [...day.campaigns, ...carried].sort(
      (a, b) => a.accountId.localeCompare(b.accountId) || a.id.localeCompare(b.id),
    );
    return {
      ...day,
      ...dayTotals(campaigns, day.currencyTotals),
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

function unionById(first: readonly Creative[], second: readonly Creative[]): Creative[] {
  const byId = new Map<string, Creative>();
  for (const creative of [...second, ...first]) byId.set(creative.id, creative);
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}
