import { describe, expect, it } from 'vitest';
import {
  chartPoints,
  currenciesIn,
  firstProvisionalDate,
  providersWithValues,
  rangeValue,
  type SeriesDay,
} from './chart-data';

const figure = (currencyCode: string, spend: number, impressions: number, clicks: number) => ({
  currencyCode,
  spend,
  impressions,
  clicks,
  conversions: 0,
  revenue: null,
});

const days: SeriesDay[] = [
  {
    date: '2026-11-07',
    providers: {
      google: { state: 'reported', figures: [figure('USD', 10, 100, 5)], mayChangeUntil: null },
      facebook: {
        state: 'reported',
        figures: [figure('JPY', 3000, 300, 3), figure('USD', 5, 50, 1)],
        mayChangeUntil: null,
      },
      linkedin: { state: 'syncing', figures: [], mayChangeUntil: null },
    },
  },
  {
    date: '2026-11-08',
    providers: {
      google: { state: 'no-activity', figures: [], mayChangeUntil: '2026-11-16' },
      facebook: { state: 'reported', figures: [figure('JPY', 1000, 100, 1)], mayChangeUntil: '2026-11-16' },
      linkedin: { state: 'syncing', figures: [], mayChangeUntil: null },
    },
  },
];

describe('chart data', () => {
  it('plots money in one currency only, and gaps where a day has no numbers in it', () => {
    const points = chartPoints(days, ['google', 'facebook', 'linkedin'], 'spend', 'USD');
    expect(points).toEqual([
      { date: '2026-11-07', google: 10, facebook: 5, linkedin: null },
      { date: '2026-11-08', google: null, facebook: null, linkedin: null },
    ]);
    expect(providersWithValues(points, ['google', 'facebook', 'linkedin'])).toEqual(['google', 'facebook']);
  });

  it('adds counts across currencies; empty, syncing days stay gaps, not zeros', () => {
    const points = chartPoints(days, ['google', 'facebook', 'linkedin'], 'impressions', null);
    expect(points[0]).toEqual({ date: '2026-11-07', google: 100, facebook: 350, linkedin: null });
    expect(points[1]).toEqual({ date: '2026-11-08', google: null, facebook: 100, linkedin: null });
  });

  it('summarises a range from totals, ratios not averaged day by day', () => {
    expect(rangeValue(days, 'facebook', 'spend', 'JPY')).toBe(4000);
    expect(rangeValue(days, 'facebook', 'cpc', 'JPY')).toBe(1000);
    expect(rangeValue(days, 'facebook', 'ctr', null)).toBeCloseTo(5 / 450);
    expect(rangeValue(days, 'linkedin', 'clicks', null)).toBeNull();
    expect(rangeValue(days, 'google', 'spend', 'JPY')).toBeNull();
  });

  it('lists currencies and the first provisional date', () => {
    expect(currenciesIn(days)).toEqual(['JPY', 'USD']);
    expect(firstProvisionalDate(days)).toBe('2026-11-08');
  });
});
