import { describe, expect, it } from 'vitest';
import { recordFixture } from '../../test/fixtures';
import { AdMetricsDaySchema } from '../contract/ad-metrics';
import { buildAdMetricsDays } from './build-ad-metrics-days';

const syncedAt = new Date('2026-11-25T00:00:00Z');

describe('buildAdMetricsDays', () => {
  it('folds campaign records into one valid document per date, summing exactly', () => {
    const days = buildAdMetricsDays(
      'google',
      [
        recordFixture({ campaign: { id: 'c1', name: 'A', objective: null }, spend: 0.1, conversions: 0.3 }),
        recordFixture({ campaign: { id: 'c2', name: 'B', objective: null }, spend: 0.2, conversions: 0.6 }),
        recordFixture({ date: '2026-11-02', spend: 5 }),
      ],
      { syncedAt, rawPayloadRef: 'user-1/google/job-1-1.json' },
    );
    expect(days.map((d) => d.date)).toEqual(['2026-11-01', '2026-11-02']);
    const first = AdMetricsDaySchema.parse(days[0]);
    expect(first.spend).toBe(0.3);
    expect(first.conversions).toBe(0.9);
    expect(first.currencyCode).toBe('USD');
    expect(first.impressions).toBe(2000);
    expect(first.revenue).toBe(81);
    expect(first.campaigns.map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(first.creatives).toHaveLength(1);
  });

  it('never sums money across currencies', () => {
    const [day] = buildAdMetricsDays(
      'google',
      [
        recordFixture({ accountId: 'a', currencyCode: 'USD', spend: 10 }),
        recordFixture({ accountId: 'b', currencyCode: 'EUR', spend: 7, timeZone: 'Europe/Berlin' }),
      ],
      { syncedAt, rawPayloadRef: null },
    );
    expect(day?.currencyCode).toBeNull();
    expect(day?.spend).toBeNull();
    expect(day?.revenue).toBeNull();
    expect(day?.currencyTotals).toEqual([
      { currencyCode: 'EUR', spend: 7, revenue: 40.5 },
      { currencyCode: 'USD', spend: 10, revenue: 40.5 },
    ]);
    expect(day?.impressions).toBe(2000);
    expect(day?.timeZones).toEqual(['America/New_York', 'Europe/Berlin']);
  });

  it('keeps revenue null when no record reports it, and counts it when some do', () => {
    const [none] = buildAdMetricsDays('google', [recordFixture({ revenue: null })], {
      syncedAt,
      rawPayloadRef: null,
    });
    expect(none?.revenue).toBeNull();
    const [some] = buildAdMetricsDays(
      'google',
      [
        recordFixture({ revenue: null }),
        recordFixture({ campaign: { id: 'c9', name: 'X', objective: null } }),
      ],
      { syncedAt, rawPayloadRef: null },
    );
    expect(some?.revenue).toBe(40.5);
  });

  it('gives the same documents for the same records in any order', () => {
    const records = [
      recordFixture({ campaign: { id: 'c2', name: 'B', objective: null } }),
      recordFixture({ campaign: { id: 'c1', name: 'A', objective: null } }),
    ];
    const a = buildAdMetricsDays('google', records, { syncedAt, rawPayloadRef: null });
    const b = buildAdMetricsDays('google', [...records].reverse(), { syncedAt, rawPayloadRef: null });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('refuses records of another provider', () => {
    expect(() => buildAdMetricsDays('tiktok', [recordFixture()], { syncedAt, rawPayloadRef: null })).toThrow(
      /google record/,
    );
  });
});
