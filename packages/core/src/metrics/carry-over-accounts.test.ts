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

  it('carries, per date, the accounts whose own window did not reach that date', () => {
    // Account b (ahead of UTC) was read through the 2nd; account a only through the 1st. Writing
    // the 2nd must keep a's stored campaigns there, and the 1st carries nothing.
    const storedOn2nd = stored.map((day) => ({ ...day, date: '2026-11-02' }));
    const written = buildAdMetricsDays(
      'google',
      [
        recordFixture({ accountId: 'a', spend: 12, date: '2026-11-01' }),
        recordFixture({
          accountId: 'b',
          currencyCode: 'EUR',
          spend: 8,
          revenue: null,
          date: '2026-11-02',
          campaign: { id: 'cb', name: 'B', objective: null },
        }),
      ],
      options,
    );
    const carriedOn = (date: string) => new Set(date === '2026-11-02' ? ['a'] : []);
    const [first, second] = carryOverAccounts(written, storedOn2nd, carriedOn);
    expect(first?.campaigns.map((c) => `${c.accountId}/${c.spend}`)).toEqual(['a/12']);
    expect(second?.campaigns.map((c) => `${c.accountId}/${c.spend}`)).toEqual(['a/10', 'b/8']);
  });

  it("never carries the synced accounts' old numbers (no double count)", () => {
    const today = buildAdMetricsDays('google', [recordFixture({ accountId: 'a', spend: 12 })], options);
    const [day] = carryOverAccounts(today, stored, new Set(['b']));
    expect(day?.campaigns.filter((c) => c.accountId === 'a').map((c) => c.spend)).toEqual([12]);
  });
});
