import { providerDisplayNames } from '@cohorts/core/contract';
import { describe, expect, it } from 'vitest';
import { type CampaignTableRow, filterCampaigns, sortCampaigns, totalsByCurrency } from './campaign-table';

const row = (
  campaignId: string,
  currencyCode: string,
  spend: number,
  extra: Partial<CampaignTableRow> = {},
): CampaignTableRow => ({
  providerId: 'google',
  accountId: `acct-${currencyCode}`,
  accountName: `Account ${currencyCode}`,
  campaignId,
  name: `Campaign ${campaignId}`,
  objective: null,
  currencyCode,
  spend,
  impressions: 100,
  clicks: 10,
  conversions: 1,
  revenue: null,
  ctr: 0.1,
  cpc: spend / 10,
  cpa: spend,
  roas: null,
  ...extra,
});

const rows = [
  row('a', 'USD', 50),
  row('b', 'JPY', 9000, { providerId: 'tiktok', objective: 'TRAFFIC' }),
  row('c', 'USD', 200, { revenue: 400, roas: 2 }),
  row('d', 'JPY', 100),
];

describe('campaigns table', () => {
  it('sorts money within each currency: 9,000 yen is not more than 200 dollars', () => {
    const sorted = sortCampaigns(rows, { key: 'spend', direction: 'descending' }, providerDisplayNames);
    expect(sorted.map((r) => r.campaignId)).toEqual(['b', 'd', 'c', 'a']);
    const ascending = sortCampaigns(rows, { key: 'spend', direction: 'ascending' }, providerDisplayNames);
    expect(ascending.map((r) => r.campaignId)).toEqual(['d', 'b', 'a', 'c']);
  });

  it('sorts counts across currencies, text by name, and puts missing values last', () => {
    const byClicks = sortCampaigns(
      [row('x', 'USD', 1, { clicks: 5 }), row('y', 'JPY', 1, { clicks: 50 })],
      { key: 'clicks', direction: 'descending' },
      providerDisplayNames,
    );
    expect(byClicks.map((r) => r.campaignId)).toEqual(['y', 'x']);
    const byRoas = sortCampaigns(rows, { key: 'roas', direction: 'ascending' }, providerDisplayNames);
    expect(byRoas.map((r) => r.campaignId)).toEqual(['b', 'd', 'c', 'a']);
    const byPlatform = sortCampaigns(
      rows,
      { key: 'platform', direction: 'descending' },
      providerDisplayNames,
    );
    expect(byPlatform[0]?.campaignId).toBe('b');
  });

  it('filters by text, platform and currency', () => {
    expect(
      filterCampaigns(rows, { query: 'traffic', providerId: 'all', currencyCode: 'all' }).map(
        (r) => r.campaignId,
      ),
    ).toEqual(['b']);
    expect(
      filterCampaigns(rows, { query: '', providerId: 'google', currencyCode: 'JPY' }).map(
        (r) => r.campaignId,
      ),
    ).toEqual(['d']);
    expect(
      filterCampaigns(rows, { query: 'CAMPAIGN C', providerId: 'all', currencyCode: 'all' }),
    ).toHaveLength(1);
  });

  it('totals per currency, never across', () => {
    expect(totalsByCurrency(rows).map((t) => [t.currencyCode, t.spend, t.clicks, t.revenue])).toEqual([
      ['JPY', 9100, 20, null],
      ['USD', 250, 20, 400],
    ]);
  });
});
