import { describe, expect, it } from 'vitest';
import { addDays, daysInRange, localDate } from './dates';
import { findAccount, fixtures } from './fixtures';
import { campaignDay, RESTATEMENT_WINDOW_DAYS } from './generator';

const NOW = Date.parse('2026-11-25T15:00:00Z');
const acme = findAccount('google', '1112223334');
const brand = acme?.campaigns[0];

describe('campaignDay', () => {
  it('is a pure function of account, campaign, date and context', () => {
    if (!acme || !brand) throw new Error('fixture missing');
    const context = { nowMs: NOW, restatements: [] };
    expect(campaignDay(acme, brand, '2026-11-10', context)).toEqual(
      campaignDay(acme, brand, '2026-11-10', context),
    );
  });

  it('has no data after the account’s local today, before the start, or after an account closed', () => {
    if (!acme || !brand) throw new Error('fixture missing');
    const context = { nowMs: NOW, restatements: [] };
    const today = localDate(NOW, acme.timeZone);
    expect(campaignDay(acme, brand, addDays(today, 1), context)).toBeNull();
    expect(campaignDay(acme, brand, addDays(brand.startDate, -1), context)).toBeNull();
    const closed = findAccount('facebook', '1010000000000005');
    const campaign = closed?.campaigns[0];
    if (!closed?.closedOn || !campaign) throw new Error('closed fixture missing');
    expect(campaignDay(closed, campaign, addDays(closed.closedOn, 1), context)).toBeNull();
  });

  it('varies day to day with a weekday pattern and some idle days, on the currency grid', () => {
    const sakura = findAccount('tiktok', '7100000000000000003');
    if (!sakura) throw new Error('fixture missing');
    const context = { nowMs: NOW, restatements: [] };
    const days = daysInRange('2026-06-01', '2026-09-30').flatMap((date) =>
      sakura.campaigns.map((campaign) => campaignDay(sakura, campaign, date, context)),
    );
    const served = days.filter((d) => d !== null);
    expect(days.length - served.length).toBeGreaterThan(0);
    expect(new Set(served.map((d) => d.spendMicros)).size).toBeGreaterThan(served.length * 0.9);
    // Yen have no minor unit.
    expect(served.every((d) => d.spendMicros % 1_000_000n === 0n)).toBe(true);
  });

  it('restates conversions only inside the window of each restatement, upwards', () => {
    if (!acme || !brand) throw new Error('fixture missing');
    const today = localDate(NOW, acme.timeZone);
    const fresh = { nowMs: NOW, restatements: [] };
    const restated = { nowMs: NOW, restatements: [NOW] };
    // Some days the campaign does not deliver: take a delivering one in the window, and one before it.
    const delivering = (from: number) =>
      Array.from({ length: 5 }, (_, i) => addDays(today, from - i)).find(
        (d) => campaignDay(acme, brand, d, fresh) !== null,
      ) ?? '';
    const inside = delivering(-1);
    const outside = delivering(-(RESTATEMENT_WINDOW_DAYS + 1));
    expect(inside).not.toBe('');
    expect(outside).not.toBe('');
    const [a, b] = [campaignDay(acme, brand, inside, fresh), campaignDay(acme, brand, inside, restated)];
    expect(b?.conversionsCenti).toBeGreaterThan(a?.conversionsCenti ?? Number.POSITIVE_INFINITY);
    expect(b?.spendMicros).toBe(a?.spendMicros);
    expect(campaignDay(acme, brand, outside, restated)).toEqual(campaignDay(acme, brand, outside, fresh));
    // A later restatement does not reach back to days that have left the window since.
    const later = { nowMs: NOW + 30 * 86_400_000, restatements: [NOW, NOW + 30 * 86_400_000] };
    expect(campaignDay(acme, brand, inside, later)).toEqual(campaignDay(acme, brand, inside, restated));
  });

  it('gives every platform accounts in several currencies and time zones, and a closed or disabled one', () => {
    for (const platform of Object.values(fixtures)) {
      const accounts = platform.accounts.filter((a) => !a.isManager);
      expect(new Set(accounts.map((a) => a.currency)).size).toBeGreaterThanOrEqual(3);
      expect(accounts.some((a) => a.status !== 'active')).toBe(true);
      for (const account of accounts) {
        expect(account.campaigns.length).toBeGreaterThanOrEqual(2);
        expect(account.campaigns.length).toBeLessThanOrEqual(6);
      }
    }
    expect(new Set(fixtures.google.accounts.map((a) => a.timeZone)).size).toBeGreaterThanOrEqual(3);
    expect(fixtures.linkedin.accounts.every((a) => a.timeZone === 'UTC')).toBe(true);
  });
});
