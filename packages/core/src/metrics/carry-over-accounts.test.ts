import { describe, expect, it } from 'vitest';
import { recordFixture } from '../../test/fixtures';
import { AdMetricsDaySchema } from '../contract/ad-metrics';
import { buildAdMetricsDays } from './build-ad-metrics-days';
import { carryOverAccounts } from './carry-over-accounts';

const options = { syncedAt: new Date('2026-11-25T00:00:00Z'), rawPayloadRef: null };

describe('carryOverAccounts (a partial sync keeps the accounts it could not read)', () => {
  // Yesterday's good sync stored accounts a (USD) and b (EUR, its own campaign).
  const stored = buildAdMetricsDays(
    'google',
    [
      recordFixture({ accountId: 'a', spend: 10, clicks: 5 }),
      recordFixture({
        accountId: 'b',
        currencyCode: 'EUR',
        spend: 7,
        clicks: 3,
        revenue: null,
        timeZone: 'Europe/Berlin',
        campaign: { id: 'cb', name: 'B', objective: null },
        creatives: [{ id: 'crb', name: 'B ad', type: 'video' }],
      }),
    ],
    options,
  );

  it("keeps a failed account's campaigns and recomputes the day's totals from the campaigns", () => {
    // Today account a restated (spend 12), account b failed to read.
    const today = buildAdMetricsDays(
      'google',
      [recordFixture({ accountId: 'a', spend: 12, clicks: 6 })],
      options,
    );
    const [day] = carryOverAccounts(today, stored, new Set(['b']));
    const parsed = AdMetricsDaySchema.parse(day);
    expect(parsed.campaigns.map((c) => `${c.accountId}/${c.id}`)).toEqual(['a/c1', 'b/cb']);
    expect(parsed.clicks).toBe(9);
    expect(parsed.currencyCode).toBeNull();
    expect(parsed.currencyTotals).toEqual([
      { currencyCode: 'EUR', spend: 7, revenue: null },
      { currencyCode: 'USD', spend: 12, revenue: 40.5 },
    ]);
    expect(parsed.creatives.map((c) => c.id)).toEqual(['cr1', 'crb']);
    expect(parsed.timeZones).toEqual(['America/New_York', 'Europe/Berlin']);
  });

  it('changes nothing when no account failed, or the failed one had nothing stored', () => {
    const today = buildAdMetricsDays('google', [recordFixture({ accountId: 'a', spend: 12 })], options);
    expect(carryOverAccounts(today, stored, new Set())).toEqual(today);
    expect(carryOverAccounts(today, stored, new Set(['zzz']))).toEqual(today);
    expect(carryOverAccounts(today, [], new Set(['b']))).toEqual(today);
  });

  it("never carries the synced accounts' old numbers (no double count)", () => {
    const today = buildAdMetricsDays('google', [recordFixture({ accountId: 'a', spend: 12 })], options);
    const [day] = carryOverAccounts(today, stored, new Set(['b']));
    expect(day?.campaigns.filter((c) => c.accountId === 'a').map((c) => c.spend)).toEqual([12]);
  });
});
