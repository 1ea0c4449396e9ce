import { describe, expect, it } from 'vitest';
import { mayChangeUntil, provisionalRule, rereadDays } from './restatement';

describe('rereadDays', () => {
  it('is at least the 8-day attribution window, longer when the lookback is longer', () => {
    expect(rereadDays(null)).toBe(8);
    expect(rereadDays(3)).toBe(8);
    expect(rereadDays(30)).toBe(30);
  });
});

describe('provisionalRule', () => {
  // 02:00 UTC on Dec 3: still Dec 2 in New York, already Dec 3 in Tokyo and UTC.
  const now = new Date('2026-12-03T02:00:00Z');

  it('with the default lookback, days stay provisional for the 8 days syncs re-read', () => {
    const rule = provisionalRule({
      providerId: 'google',
      timeZones: ['Asia/Tokyo'],
      scheduledTimeframeDays: null,
      now,
    });
    expect(rule).toMatchObject({ windowDays: 8, restatementDays: 30, rereadDays: 8 });
    expect(rule.provisionalFrom).toBe('2026-11-25');
    // Google keeps restating for 30 days; our syncs stop following after 8.
    expect(rule.platformRestatesLonger).toBe(true);
    expect(mayChangeUntil('2026-11-25', rule)).toBe('2026-12-03');
    expect(mayChangeUntil('2026-12-02', rule)).toBe('2026-12-10');
    expect(mayChangeUntil('2026-11-24', rule)).toBeNull();
  });

  it('follows a longer lookback up to the platform restatement window (plus the day the next sync reads it)', () => {
    const meta = provisionalRule({
      providerId: 'facebook',
      timeZones: ['UTC'],
      scheduledTimeframeDays: 60,
      now,
    });
    expect(meta).toMatchObject({ windowDays: 29, platformRestatesLonger: false });
    expect(meta.provisionalFrom).toBe('2026-11-04');
  });

  it('TikTok settles within days, before the re-read ends', () => {
    const tiktok = provisionalRule({
      providerId: 'tiktok',
      timeZones: ['UTC'],
      scheduledTimeframeDays: null,
      now,
    });
    expect(tiktok).toMatchObject({ windowDays: 4, platformRestatesLonger: false });
    expect(tiktok.provisionalFrom).toBe('2026-11-29');
  });

  it('with accounts in several time zones, the one furthest behind decides', () => {
    const rule = provisionalRule({
      providerId: 'google',
      timeZones: ['Asia/Tokyo', 'America/New_York'],
      scheduledTimeframeDays: null,
      now,
    });
    // New York's today is Dec 2.
    expect(rule.provisionalFrom).toBe('2026-11-24');
  });

  it('does not depend on the hour: every instant of a UTC day gives the same UTC rule', () => {
    for (let hour = 0; hour < 24; hour += 1) {
      const at = new Date(Date.UTC(2026, 11, 3, hour, 30));
      const rule = provisionalRule({
        providerId: 'linkedin',
        timeZones: ['UTC'],
        scheduledTimeframeDays: null,
        now: at,
      });
      expect(rule.provisionalFrom, `hour ${hour}`).toBe('2026-11-25');
    }
  });
});
