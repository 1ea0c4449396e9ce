import { describe, expect, it } from 'vitest';
import { kpiCards } from './kpis';

const totals = (
  spend: number,
  impressions: number,
  clicks: number,
  conversions: number,
  revenue: number | null,
) => ({
  spend,
  impressions,
  clicks,
  conversions,
  revenue,
});

describe('kpiCards', () => {
  const cards = kpiCards([
    { currencyCode: 'JPY', current: totals(30000, 3000, 30, 3, null), previous: totals(0, 0, 0, 0, null) },
    { currencyCode: 'USD', current: totals(110, 1500, 25, 3, 340), previous: totals(50, 1000, 10, 1, 100) },
  ]);
  const card = (metric: string) => cards.find((c) => c.metric === metric);

  it('keeps money per currency, side by side: never one total across currencies', () => {
    expect(card('spend')?.values.map((v) => [v.currencyCode, v.current])).toEqual([
      ['JPY', 30000],
      ['USD', 110],
    ]);
    expect(card('spend')?.values[1]?.change).toBeCloseTo(1.2);
    // Nothing to compare a currency that did not spend before with.
    expect(card('spend')?.values[0]?.change).toBeNull();
    expect(card('cpc')?.values.map((v) => v.current)).toEqual([1000, 110 / 25]);
    expect(card('roas')?.values.map((v) => v.current)).toEqual([null, 340 / 110]);
  });

  it('adds counts and CTR up across currencies', () => {
    expect(card('impressions')?.values).toEqual([
      { currencyCode: null, current: 4500, previous: 1000, change: 3.5 },
    ]);
    expect(card('ctr')?.values[0]?.current).toBeCloseTo(55 / 4500);
    expect(card('conversions')?.values[0]?.change).toBe(5);
  });

  it('has all nine KPIs in order, and no values without data', () => {
    expect(cards.map((c) => c.label)).toEqual([
      'Spend',
      'Impressions',
      'Clicks',
      'Conversions',
      'Revenue',
      'CTR',
      'CPC',
      'CPA',
      'ROAS',
    ]);
    expect(kpiCards([]).every((c) => c.values.length === 0)).toBe(true);
  });
});

describe('kpiCards against a previous period we hold only part of', () => {
  it('shows no change at all rather than a made-up one', () => {
    const cards = kpiCards(
      [{ currencyCode: 'USD', current: totals(110, 1500, 25, 3, 340), previous: totals(5, 100, 1, 0, null) }],
      { previousComplete: false },
    );
    expect(cards.every((card) => card.values.every((value) => value.change === null))).toBe(true);
    expect(cards.find((c) => c.metric === 'spend')?.values[0]?.current).toBe(110);
  });
});
