import type { AdMetricsDay } from '../contract/ad-metrics';
import { addDays, daysBetween } from '../contract/calendar';
import type { IsoDate } from '../contract/dates';
import type { ProviderId } from '../contract/provider-ids';
import { type Micros, microsToNumber, numberToMicros } from '../money/money';

/**
 * Insights over a date range: totals and ratios per provider and blended, the change against the
 * previous period of the same length, and the top campaigns and creatives.
 *
 * Money is never summed across currencies. Everything is grouped by currency first (from each
 * campaign's own currency, so a provider whose accounts bill in two currencies yields two groups);
 * "blended" means all providers within one currency. A user spending in USD and EUR gets two
 * blended groups, not one meaningless sum.
 */

export interface MetricTotals {
  spend: number;
  impressions: number;
  clicks: number;
  conversions: number;
  /** Null when no campaign in the group reported conversion value (never a stand-in 0). */
  revenue: number | null;
}

export interface MetricRatios {
  /** clicks / impressions */
  ctr: number | null;
  /** spend / clicks */
  cpc: number | null;
  /** spend / conversions */
  cpa: number | null;
  /** revenue / spend */
  roas: number | null;
}

export type PeriodFigures = MetricTotals & MetricRatios;

/** Relative change, current vs previous (0.25 = +25 %); null when the previous value is 0 or unknown. */
export type PeriodChange = { [K in keyof PeriodFigures]: number | null };

export interface CurrencyInsight {
  currencyCode: string;
  current: PeriodFigures;
  previous: PeriodFigures;
  change: PeriodChange;
}

export interface ProviderInsight {
  providerId: ProviderId;
  currencies: CurrencyInsight[];
}

export interface BlendedInsight extends CurrencyInsight {
  providerIds: ProviderId[];
}

export interface CampaignInsight extends PeriodFigures {
  providerId: ProviderId;
  accountId: string;
  campaignId: string;
  name: string;
  objective: string | null;
  currencyCode: string;
}

export interface CreativeInsight {
  providerId: ProviderId;
  id: string;
  name: string;
  type: string;
  url: string | null;
  /** Days of the period the creative ran on. Platforms report creatives without their own numbers. */
  daysActive: number;
}

export interface Insights {
  period: { from: IsoDate; to: IsoDate };
  previousPeriod: { from: IsoDate; to: IsoDate };
  byProvider: ProviderInsight[];
  blended: BlendedInsight[];
  /** The top campaigns by spend, per currency (spend in different currencies does not rank together). */
  topCampaigns: { currencyCode: string; campaigns: CampaignInsight[] }[];
  topCreatives: CreativeInsight[];
}

/** The period of the same length that ends the day before `from`. */
export function previousPeriod(from: IsoDate, to: IsoDate): { from: IsoDate; to: IsoDate } {
  const length = daysBetween(from, to) + 1;
  return { from: addDays(from, -length), to: addDays(from, -1) };
}

interface Accumulator {
  spend: Micros;
  impressions: number;
  clicks: number;
  conversions: Micros;
  revenue: Micros | null;
}

const emptyAccumulator = (): Accumulator => ({
  spend: 0n,
  impressions: 0,
  clicks: 0,
  conversions: 0n,
  revenue: null,
});

function add(into: Accumulator, values: MetricTotals): void {
  into.spend += numberToMicros(values.spend);
  into.impressions += values.impressions;
  into.clicks += values.clicks;
  into.conversions += numberToMicros(values.conversions);
  if (values.revenue !== null) into.revenue = (into.revenue ?? 0n) + numberToMicros(values.revenue);
}

const ratio = (numerator: number, denominator: number): number | null =>
  denominator > 0 ? numerator / denominator : null;

function figures(acc: Accumulator): PeriodFigures {
  const spend = microsToNumber(acc.spend);
  const conversions = microsToNumber(acc.conversions);
  const revenue = acc.revenue === null ? null : microsToNumber(acc.revenue);
  return {
    spend,
    impressions: acc.impressions,
    clicks: acc.clicks,
    conversions,
    revenue,
    ctr: ratio(acc.clicks, acc.impressions),
    cpc: ratio(spend, acc.clicks),
    cpa: ratio(spend, conversions),
    roas: revenue === null ? null : ratio(revenue, spend),
  };
}

function change(current: PeriodFigures, previous: PeriodFigures): PeriodChange {
  const keys = Object.keys(current) as (keyof PeriodFigures)[];
  return Object.fromEntries(
    keys.map((key) => {
      const now = current[key];
      const before = previous[key];
      return [key, now === null || before === null || before === 0 ? null : (now - before) / before];
    }),
  ) as PeriodChange;
}

/** What the period figures are summed from: a day's campaigns (their currencies never mix). */
export type CampaignsDay = Pick<AdMetricsDay, 'providerId' | 'campaigns'>;
/** What insights read of a period's day: its campaigns, and its creatives for the top creatives. */
export type InsightsDay = Pick<AdMetricsDay, 'providerId' | 'date' | 'campaigns' | 'creatives'>;

/** Sums campaigns into groups keyed by `keyOf` (always including the currency). */
function groupCampaigns(
  days: readonly CampaignsDay[],
  keyOf: (providerId: ProviderId, currency: string) => string,
) {
  const groups = new Map<string, Accumulator>();
  for (const day of days) {
    for (const campaign of day.campaigns) {
      const key = keyOf(day.providerId, campaign.currencyCode);
      const acc = groups.get(key) ?? emptyAccumulator();
      add(acc, campaign);
      groups.set(key, acc);
    }
  }
  return groups;
}

function currencyInsights(
  current: Map<string, Accumulator>,
  previous: Map<string, Accumulator>,
  keysFor: (currency: string) => string,
  currencies: readonly string[],
): CurrencyInsight[] {
  return currencies.map((currencyCode) => {
    const key = keysFor(currencyCode);
    const now = figures(current.get(key) ?? emptyAccumulator());
    const before = figures(previous.get(key) ?? emptyAccumulator());
    return { currencyCode, current: now, previous: before, change: change(now, before) };
  });
}

const sortedUnique = <T extends string>(values: Iterable<T>): T[] => [...new Set(values)].sort();

/**
 * `current` holds the day documents of the period, `previous` those of the period before it (see
 * `previousPeriod`). Currencies that appear only in the previous period are still reported, so a
 * currency whose spend dropped to nothing shows a -100 % change rather than vanishing.
 */
export function computeInsights(input: {
  period: { from: IsoDate; to: IsoDate };
  current: readonly InsightsDay[];
  /** Only the campaigns are needed: the previous period's creatives are never shown. */
  previous: readonly CampaignsDay[];
  top?: number;
}): Insights {
  const top = input.top ?? 5;
  const all = [...input.current, ...input.previous];

  const providerKey = (providerId: ProviderId, currency: string) => `${providerId}|${currency}`;
  const byProviderNow = groupCampaigns(input.current, providerKey);
  const byProviderBefore = groupCampaigns(input.previous, providerKey);
  const providers = sortedUnique(all.map((day) => day.providerId));
  const byProvider = providers.map((providerId) => {
    const currencies = sortedUnique(
      all
        .filter((day) => day.providerId === providerId)
        .flatMap((day) => day.campaigns.map((c) => c.currencyCode)),
    );
    return {
      providerId,
      currencies: currencyInsights(
        byProviderNow,
        byProviderBefore,
        (currency) => providerKey(providerId, currency),
        currencies,
      ),
    };
  });

  const currencyKey = (_providerId: ProviderId, currency: string) => currency;
  const blendedNow = groupCampaigns(input.current, currencyKey);
  const blendedBefore = groupCampaigns(input.previous, currencyKey);
  const allCurrencies = sortedUnique(all.flatMap((day) => day.campaigns.map((c) => c.currencyCode)));
  const blended = currencyInsights(blendedNow, blendedBefore, (c) => c, allCurrencies).map((insight) => ({
    ...insight,
    providerIds: sortedUnique(
      all
        .filter((day) => day.campaigns.some((c) => c.currencyCode === insight.currencyCode))
        .map((day) => day.providerId),
    ),
  }));

  return {
    period: input.period,
    previousPeriod: previousPeriod(input.period.from, input.period.to),
    byProvider,
    blended,
    topCampaigns: topCampaigns(input.current, top),
    topCreatives: topCreatives(input.current, top),
  };
}

/** The top campaigns by spend per currency (see `campaignTotals`). */
function topCampaigns(days: readonly CampaignsDay[], top: number): Insights['topCampaigns'] {
  const byCurrency = new Map<string, CampaignInsight[]>();
  for (const campaign of campaignTotals(days)) {
    const list = byCurrency.get(campaign.currencyCode) ?? [];
    list.push(campaign);
    byCurrency.set(campaign.currencyCode, list);
  }
  return sortedUnique(byCurrency.keys()).map((currencyCode) => ({
    currencyCode,
    campaigns: (byCurrency.get(currencyCode) ?? []).slice(0, top),
  }));
}

/**
 * Every campaign of the days with its totals over them (one row per provider, account, campaign and
 * currency), ordered by currency, then spend, clicks and id.
 */
export function campaignTotals(days: readonly CampaignsDay[]): CampaignInsight[] {
  const campaigns = new Map<string, { info: Omit<CampaignInsight, keyof PeriodFigures>; acc: Accumulator }>();
  for (const day of days) {
    for (const campaign of day.campaigns) {
      const key = [day.providerId, campaign.accountId, campaign.id, campaign.currencyCode].join('|');
      let entry = campaigns.get(key);
      if (!entry) {
        entry = {
          info: {
            providerId: day.providerId,
            accountId: campaign.accountId,
            campaignId: campaign.id,
            name: campaign.name,
            objective: campaign.objective,
            currencyCode: campaign.currencyCode,
          },
          acc: emptyAccumulator(),
        };
        campaigns.set(key, entry);
      }
      // The latest day's name wins (campaigns get renamed).
      entry.info.name = campaign.name;
      add(entry.acc, campaign);
    }
  }
  return [...campaigns.values()]
    .map(({ info, acc }): CampaignInsight => ({ ...info, ...figures(acc) }))
    .sort(
      (a, b) =>
        a.currencyCode.localeCompare(b.currencyCode) ||
        b.spend - a.spend ||
        b.clicks - a.clicks ||
        a.campaignId.localeCompare(b.campaignId),
    );
}

function topCreatives(days: readonly InsightsDay[], top: number): CreativeInsight[] {
  return creativeTotals(days).slice(0, top);
}

/** Every creative of the days, the longest-running first (the latest day's name, type and url win). */
export function creativeTotals(
  days: readonly Pick<AdMetricsDay, 'providerId' | 'date' | 'creatives'>[],
): CreativeInsight[] {
  const creatives = new Map<string, CreativeInsight>();
  const sortedDays = [...days].sort((a, b) => a.date.localeCompare(b.date));
  for (const day of sortedDays) {
    for (const creative of day.creatives) {
      const key = `${day.providerId}|${creative.id}`;
      const existing = creatives.get(key);
      creatives.set(key, {
        providerId: day.providerId,
        id: creative.id,
        name: creative.name,
        type: creative.type,
        url: creative.url ?? null,
        daysActive: (existing?.daysActive ?? 0) + 1,
      });
    }
  }
  return [...creatives.values()].sort(
    (a, b) =>
      b.daysActive - a.daysActive || a.providerId.localeCompare(b.providerId) || a.id.localeCompare(b.id),
  );
}
