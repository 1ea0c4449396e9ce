import { describe, expect, it } from 'vitest';
import type { CampaignMetrics } from '../contract/ad-metrics';
import { currencyDayFigures } from './daily-series';

const campaign = (id: string, currencyCode: string, values: Partial<CampaignMetrics>): CampaignMetrics => ({
  id,
  name: id,
  objective: null,
  accountId: `acct-${currencyCode}`,
  currencyCode,
  spend: 0,
  impressions: 0,
  clicks: 0,
  conversions: 0,
  revenue: null,
  ...values,
});

describe('currencyDayFigures', () => {
  it('sums within a currency only, exactly, with revenue null where none was reported', () => {
    const figures = currencyDayFigures({
      campaigns: [
        campaign('a', 'USD', { spend: 0.1, impressions: 10, clicks: 1, conversions: 0.5, revenue: 3 }),
        campaign('b', 'USD', { spend: 0.2, impressions: 5, clicks: 2, conversions: 0.25 }),
        campaign('c', 'JPY', { spend: 1500, impressions: 100, clicks: 4 }),
      ],
    });
    expect(figures).toEqual([
      { currencyCode: 'JPY', spend: 1500, impressions: 100, clicks: 4, conversions: 0, revenue: null },
      { currencyCode: 'USD', spend: 0.3, impressions: 15, clicks: 3, conversions: 0.75, revenue: 3 },
    ]);
  });

  it('is empty for a day with no campaigns', () => {
    expect(currencyDayFigures({ campaigns: [] })).toEqual([]);
  });
});
