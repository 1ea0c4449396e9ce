import { describe, expect, it } from 'vitest';
import type { AdMetricsDay, CampaignMetrics } from '../contract/ad-metrics';
import type { ProviderId } from '../contract/provider-ids';
import { campaignTotals, computeInsights, creativeTotals, previousPeriod } from './insights';

function campaign(
  id: string,
  currencyCode: string,
  values: Partial<Pick<CampaignMetrics, 'spend' | 'impressions' | 'clicks' | 'conversions' | 'revenue'>>,
): CampaignMetrics {
  return {
    id,
    name: `Campaign ${id}`,
    objective: null,
    accountId: `acct-${currencyCode}`,
    currencyCode,
    spend: 0,
    impressions: 0,
    clicks: 0,
    conversions: 0,
    revenue: null,
    ...values,
  };
}

/** A day document built from its campaigns, as buildAdMetricsDays would (totals are not read here). */
function day(
  providerId: ProviderId,
  date: string,
  campaigns: CampaignMetrics[],
  creatives: AdMetricsDay['creatives'] = [],
): AdMetricsDay {
  const currencies = [...new Set(campaigns.map((c) => c.currencyCode))];
  return {
    providerId,
    date,
    currencyCode: currencies.length === 1 ? (currencies[0] ?? null) : null,
    spend: null,
    impressions: 0,
    clicks: 0,
    conversions: 0,
    revenue: null,
    currencyTotals: currencies.map((currencyCode) => ({ currencyCode, spend: 0, revenue: null })),
    timeZones: ['UTC'],
    campaigns,
    creatives,
    conversionMapping: 'test',
    rawPayloadRef: null,
    syncedAt: new Date('2026-11-01T00:00:00Z'),
  };
}

const period = { from: '2026-11-08', to: '2026-11-14' };

describe('previousPeriod', () => {
  it('is the same length, ending the day before', () => {
    expect(previousPeriod('2026-11-08', '2026-11-14')).toEqual({ from: '2026-11-01', to: '2026-11-07' });
    expect(previousPeriod('2026-03-01', '2026-03-01')).toEqual({ from: '2026-02-28', to: '2026-02-28' });
  });
});

describe('computeInsights', () => {
  it('computes totals, CTR, CPC, CPA and ROAS per provider, with exact money', () => {
    const insights = computeInsights({
      period,
      current: [
        day('google', '2026-11-08', [
          campaign('a', 'USD', { spend: 0.1, impressions: 1000, clicks: 50, conversions: 2.5, revenue: 1 }),
        ]),
        day('google', '2026-11-09', [
          campaign('a', 'USD', { spend: 0.2, impressions: 1000, clicks: 50, conversions: 2.5, revenue: 2 }),
        ]),
      ],
      previous: [],
    });
    const usd = insights.byProvider[0]?.currencies[0];
    expect(insights.byProvider.map((p) => p.providerId)).toEqual(['google']);
    expect(usd?.current).toEqual({
      spend: 0.3, // not 0.30000000000000004
      impressions: 2000,
      clicks: 100,
      conversions: 5,
      revenue: 3,
      ctr: 0.05,
      cpc: 0.003,
      cpa: 0.06,
      roas: 10,
    });
  });

  it('never sums different currencies: one blended group per currency', () => {
    const insights = computeInsights({
      period,
      current: [
        day('google', '2026-11-08', [campaign('g', 'USD', { spend: 100, impressions: 10, clicks: 1 })]),
        day('facebook', '2026-11-08', [
          campaign('m1', 'USD', { spend: 50, impressions: 10, clicks: 1 }),
          campaign('m2', 'EUR', { spend: 70, impressions: 10, clicks: 1 }),
        ]),
      ],
      previous: [],
    });
    expect(insights.blended.map((b) => [b.currencyCode, b.current.spend, b.providerIds])).toEqual([
      ['EUR', 70, ['facebook']],
      ['USD', 150, ['facebook', 'google']],
    ]);
    const meta = insights.byProvider.find((p) => p.providerId === 'facebook');
    expect(meta?.currencies.map((c) => [c.currencyCode, c.current.spend])).toEqual([
      ['EUR', 70],
      ['USD', 50],
    ]);
    // Nothing anywhere holds 220 (USD + EUR).
    expect(JSON.stringify(insights)).not.toContain('220');
  });

  it('compares with the previous period, including a currency that dropped to nothing', () => {
    const insights = computeInsights({
      period,
      current: [
        day('tiktok', '2026-11-08', [campaign('t', 'USD', { spend: 150, impressions: 100, clicks: 10 })]),
      ],
      previous: [
        day('tiktok', '2026-11-01', [
          campaign('t', 'USD', { spend: 100, impressions: 100, clicks: 20 }),
          campaign('t2', 'GBP', { spend: 40, impressions: 10, clicks: 1 }),
        ]),
      ],
    });
    const [gbp, usd] = insights.byProvider[0]?.currencies ?? [];
    expect(usd?.change.spend).toBeCloseTo(0.5);
    expect(usd?.change.clicks).toBeCloseTo(-0.5);
    expect(usd?.change.cpc).toBeCloseTo((15 - 5) / 5);
    expect(gbp?.current.spend).toBe(0);
    expect(gbp?.change.spend).toBe(-1);
    expect(insights.previousPeriod).toEqual({ from: '2026-11-01', to: '2026-11-07' });
  });

  it('leaves ratios and changes null where they are undefined', () => {
    const insights = computeInsights({
      period,
      current: [day('linkedin', '2026-11-08', [campaign('l', 'USD', { spend: 10 })])],
      previous: [],
    });
    const usd = insights.byProvider[0]?.currencies[0];
    expect(usd?.current).toMatchObject({ revenue: null, roas: null, ctr: null, cpc: null, cpa: null });
    expect(usd?.change.spend).toBeNull();
  });

  it('ranks top campaigns by spend within each currency, summed over the period', () => {
    const insights = computeInsights({
      period,
      current: [
        day('google', '2026-11-08', [
          campaign('small', 'USD', { spend: 30 }),
          campaign('big', 'USD', { spend: 20 }),
          campaign('eur', 'EUR', { spend: 999 }),
        ]),
        day('google', '2026-11-09', [campaign('big', 'USD', { spend: 20 })]),
      ],
      previous: [],
      top: 1,
    });
    expect(insights.topCampaigns).toEqual([
      { currencyCode: 'EUR', campaigns: [expect.objectContaining({ campaignId: 'eur', spend: 999 })] },
      { currencyCode: 'USD', campaigns: [expect.objectContaining({ campaignId: 'big', spend: 40 })] },
    ]);
  });

  it('ranks creatives by the days they ran', () => {
    const video = { id: 'v1', name: 'Holiday video', type: 'video', url: 'https://example.com/v1' };
    const image = { id: 'i1', name: 'Banner', type: 'image' };
    const insights = computeInsights({
      period,
      current: [
        day('facebook', '2026-11-08', [], [video, image]),
        day('facebook', '2026-11-09', [], [video]),
      ],
      previous: [],
    });
    expect(insights.topCreatives).toEqual([
      { providerId: 'facebook', ...video, daysActive: 2 },
      { providerId: 'facebook', ...image, url: null, daysActive: 1 },
    ]);
  });
});

describe('campaignTotals and creativeTotals', () => {
  it('lists every campaign once per account and currency, summed over the days, by currency then spend', () => {
    const days = [
      day('google', '2026-11-08', [
        campaign('a', 'USD', { spend: 5, clicks: 1 }),
        campaign('b', 'USD', { spend: 7 }),
        campaign('y', 'JPY', { spend: 900 }),
      ]),
      day('google', '2026-11-09', [campaign('a', 'USD', { spend: 5, clicks: 2, impressions: 30 })]),
    ];
    expect(campaignTotals(days).map((c) => [c.currencyCode, c.campaignId, c.spend, c.clicks])).toEqual([
      ['JPY', 'y', 900, 0],
      ['USD', 'a', 10, 3],
      ['USD', 'b', 7, 0],
    ]);
    expect(campaignTotals(days).find((c) => c.campaignId === 'a')?.ctr).toBeCloseTo(3 / 30);
  });

  it('lists every creative, not only the top ones', () => {
    const creatives = Array.from({ length: 7 }, (_, i) => ({ id: `c${i}`, name: `C${i}`, type: 'image' }));
    expect(creativeTotals([day('tiktok', '2026-11-08', [], creatives)])).toHaveLength(7);
  });
});
