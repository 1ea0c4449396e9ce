import { describe, expect, it } from 'vitest';
import { expectedCampaignDays, expectedDailyTotals } from './expected';

const context = { nowMs: Date.parse('2026-11-25T15:00:00Z'), restatements: [] };
const window = { start: '2026-10-01', end: '2026-10-31', context };

describe('expectedDailyTotals', () => {
  it('sums every campaign row of a date exactly, as decimal strings and micros', () => {
    const days = expectedDailyTotals({ provider: 'facebook', accountId: '1010000000000001', ...window });
    const rows = expectedCampaignDays({ provider: 'facebook', accountId: '1010000000000001', ...window });
    expect(days.length).toBe(31);
    const first = days[0];
    const sameDay = rows.filter((r) => r.day.date === first?.date);
    expect(first?.campaigns).toBe(sameDay.length);
    expect(first?.spendMicros).toBe(sameDay.reduce((sum, r) => sum + r.day.spendMicros, 0n).toString());
    expect(first).toMatchObject({ currency: 'USD', timeZone: 'America/New_York' });
  });

  it('never gives Google a null revenue (zero values are omitted, read as 0)', () => {
    const days = expectedDailyTotals({ provider: 'google', accountId: '2223334445', ...window });
    expect(days.every((d) => d.revenue !== null)).toBe(true);
  });

  it('gives null revenue where no campaign reports a value, and JPY amounts without decimals', () => {
    const leadsOnly = expectedCampaignDays({
      provider: 'linkedin',
      accountId: '508000003',
      ...window,
    }).filter((r) => r.campaign.profile.conversionKind !== 'purchase');
    expect(leadsOnly.length).toBeGreaterThan(0);
    expect(leadsOnly.every((r) => r.revenueMicros === null)).toBe(true);
    const yen = expectedDailyTotals({ provider: 'tiktok', accountId: '7100000000000000003', ...window });
    expect(yen.every((d) => /^\d+$/.test(d.spend))).toBe(true);
  });

  it('refuses an unknown account', () => {
    expect(() => expectedDailyTotals({ provider: 'google', accountId: '42', ...window })).toThrow(
      /no google sandbox account 42/,
    );
  });
});
