import { describe, expect, it } from 'vitest';
import { accountLine, cadenceText, relativeTime, tokenHealth } from './health';

const now = new Date('2026-12-03T23:30:00Z');
const at = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString();
const meta = { providerId: 'facebook' as const, refreshTokenExpiresAt: null, reconnectRequired: false };

describe('tokenHealth', () => {
  it('warns from 14 days before Meta access ends, not before', () => {
    expect(tokenHealth({ ...meta, accessTokenExpiresAt: at(15) }, now, 'en-US').level).toBe('ok');
    const warning = tokenHealth({ ...meta, accessTokenExpiresAt: at(14) }, now, 'en-US');
    expect(warning.level).toBe('warning');
    expect(warning.text).toMatch(/^Access ends in 14 days/);
    expect(tokenHealth({ ...meta, accessTokenExpiresAt: at(-0.01) }, now, 'en-US').level).toBe('expired');
  });

  it("names LinkedIn's yearly re-consent", () => {
    const linkedin = {
      providerId: 'linkedin' as const,
      accessTokenExpiresAt: null,
      refreshTokenExpiresAt: at(3),
      reconnectRequired: false,
    };
    expect(tokenHealth(linkedin, now, 'en-US').text).toMatch(/^LinkedIn asks for consent again in 3 days/);
  });

  it('says reconnect when a sync failed for auth, whatever the dates', () => {
    const health = tokenHealth(
      { ...meta, accessTokenExpiresAt: at(50), reconnectRequired: true },
      now,
      'en-US',
    );
    expect(health.level).toBe('revoked');
  });

  it('needs no warning for access that renews itself', () => {
    expect(tokenHealth({ ...meta, accessTokenExpiresAt: null }, now).level).toBe('ok');
  });
});

describe('relativeTime', () => {
  it('reads like people talk, past and future', () => {
    expect(relativeTime('2026-12-03T23:29:30Z', now, 'en-US')).toBe('just now');
    expect(relativeTime('2026-12-03T23:27:00Z', now, 'en-US')).toBe('3 min. ago');
    expect(relativeTime('2026-12-04T01:30:00Z', now, 'en-US')).toBe('in 2 hr.');
    expect(relativeTime('2026-12-01T23:30:00Z', now, 'en-US')).toBe('2 days ago');
  });
});

describe('accountLine', () => {
  it('agrees with the sync message about skipped accounts', () => {
    expect(
      accountLine({
        available: 5,
        selection: 'all',
        synced: 4,
        skipped: [{ id: '5556667778', name: 'Old shop' }],
      }),
    ).toBe('Syncing all 4 accounts; skipped Old shop: closed or suspended');
    expect(accountLine({ available: 5, selection: 'chosen', synced: 2, skipped: [] })).toBe(
      'Syncing 2 of 5 accounts (your choice)',
    );
  });
});

describe('cadenceText', () => {
  it('says cadences in words', () => {
    expect(cadenceText(null)).toBe('Nightly');
    expect(cadenceText(60)).toBe('Every hour');
    expect(cadenceText(360)).toBe('Every 6 hours');
    expect(cadenceText(2880)).toBe('Every 2 days');
  });
});
