import { LostClaimError } from '@cohorts/core';
import { type AdAccount, addDays, daysBetween } from '@cohorts/core/contract';
import { testAdAccount } from '@cohorts/core/testing';
import { CredentialBusyError, ProviderError } from '@cohorts/providers';
import { pinnedInstants } from '@cohorts/test-harness/instants';
import { describe, expect, it } from 'vitest';
import { classifySyncError, nextUtcMidnight } from './classify';
import { zeroDays } from './days';
import { reconnectMessage, summarizeSync } from './outcome';
import {
  accountsToSync,
  accountWindows,
  syncWindowDays,
  unreportableAccounts,
  windowDates,
  windowLength,
} from './window';

const account = (id: string, timeZone: string, extra: Partial<AdAccount> = {}): AdAccount =>
  testAdAccount(id, { timeZone, ...extra });

/**
 * "Yesterday" per time zone at each pinned instant, worked out by hand from the zones' offsets (and
 * their DST rules) so the test does not check the code against itself.
 */
const yesterdayAt: Record<string, Record<string, string>> = {
  '2026-11-18T00:30:00Z': {
    UTC: '2026-11-17',
    LA: '2026-11-16',
    Berlin: '2026-11-17',
    Sydney: '2026-11-17',
    Tokyo: '2026-11-17',
  },
  '2026-11-18T12:00:00Z': {
    UTC: '2026-11-17',
    LA: '2026-11-17',
    Berlin: '2026-11-17',
    Sydney: '2026-11-17',
    Tokyo: '2026-11-17',
  },
  '2026-11-18T23:30:00Z': {
    UTC: '2026-11-17',
    LA: '2026-11-17',
    Berlin: '2026-11-18',
    Sydney: '2026-11-18',
    Tokyo: '2026-11-18',
  },
  // 10:30 UTC: Los Angeles has just sprung forward to PDT (03:30 local).
  '2026-03-08T10:30:00Z': {
    UTC: '2026-03-07',
    LA: '2026-03-07',
    Berlin: '2026-03-07',
    Sydney: '2026-03-07',
    Tokyo: '2026-03-07',
  },
  // 09:30 UTC: Los Angeles has just fallen back to PST (01:30 local, the second one).
  '2026-11-01T09:30:00Z': {
    UTC: '2026-10-31',
    LA: '2026-10-31',
    Berlin: '2026-10-31',
    Sydney: '2026-10-31',
    Tokyo: '2026-10-31',
  },
  // 01:30 UTC: Berlin has just sprung forward to CEST (03:30 local); Los Angeles is on the 28th.
  '2026-03-29T01:30:00Z': {
    UTC: '2026-03-28',
    LA: '2026-03-27',
    Berlin: '2026-03-28',
    Sydney: '2026-03-28',
    Tokyo: '2026-03-28',
  },
  // 01:30 UTC: Berlin has just fallen back to CET (02:30 local, the second one).
  '2026-10-25T01:30:00Z': {
    UTC: '2026-10-24',
    LA: '2026-10-23',
    Berlin: '2026-10-24',
    Sydney: '2026-10-24',
    Tokyo: '2026-10-24',
  },
  // New Year's Eve 23:30 UTC: Berlin, Sydney and Tokyo are already in 2026.
  '2025-12-31T23:30:00Z': {
    UTC: '2025-12-30',
    LA: '2025-12-30',
    Berlin: '2025-12-31',
    Sydney: '2025-12-31',
    Tokyo: '2025-12-31',
  },
};
const zones = {
  UTC: 'UTC',
  LA: 'America/Los_Angeles',
  Berlin: 'Europe/Berlin',
  Sydney: 'Australia/Sydney',
  Tokyo: 'Asia/Tokyo',
} as const;

describe.each(pinnedInstants)('sync windows at $name ($at)', ({ at }) => {
  const now = new Date(at);
  const accounts = Object.entries(zones).map(([name, timeZone]) => account(name, timeZone));

  it.each([90, 8])("end on each account's own yesterday and cover %i of its local days", (days) => {
    const windows = accountWindows('google', accounts, days, now);
    for (const window of windows) {
      expect(window.end).toBe(yesterdayAt[at]?.[window.account.id]);
      expect(windowLength(window)).toBe(days);
      expect(window.start).toBe(addDays(window.end, -(days - 1)));
    }
    // The integration's documents span the union: one extra date per date the accounts' yesterdays differ.
    const ends = windows.map((w) => w.end).sort();
    const spread = daysBetween(ends[0] ?? '', ends.at(-1) ?? '');
    expect(windowDates(windows)).toHaveLength(days + spread);
  });

  it('reads LinkedIn in UTC days, whatever the account time zone', () => {
    const windows = accountWindows('linkedin', accounts, 8, now);
    for (const window of windows) expect(window.end).toBe(yesterdayAt[at]?.UTC);
  });
});

describe('sync window', () => {
  it('backfills 90 days and syncs at least the 8-day attribution window incrementally', () => {
    expect(
      syncWindowDays({ jobType: 'initial-backfill', timeframeDays: 90 }, { scheduledTimeframeDays: null }),
    ).toBe(90);
    expect(
      syncWindowDays({ jobType: 'scheduled-sync', timeframeDays: 1 }, { scheduledTimeframeDays: null }),
    ).toBe(8);
    expect(
      syncWindowDays({ jobType: 'scheduled-sync', timeframeDays: 3 }, { scheduledTimeframeDays: 30 }),
    ).toBe(30);
    expect(
      syncWindowDays({ jobType: 'manual-sync', timeframeDays: 45 }, { scheduledTimeframeDays: 30 }),
    ).toBe(45);
  });

  it('ends yesterday in each account time zone (LinkedIn in UTC)', () => {
    // 2026-11-25 03:00 UTC: still the 24th in New York, already the 25th in Tokyo.
    const now = new Date('2026-11-25T03:00:00Z');
    const [ny, tokyo] = accountWindows(
      'google',
      [account('ny', 'America/New_York'), account('jp', 'Asia/Tokyo')],
      90,
      now,
    );
    expect(ny).toMatchObject({ start: '2026-08-26', end: '2026-11-23' });
    expect(tokyo).toMatchObject({ start: '2026-08-27', end: '2026-11-24' });
    expect(windowLength(ny ?? { start: '', end: '' })).toBe(90);
    const [linkedIn] = accountWindows('linkedin', [account('li', 'America/New_York')], 8, now);
    expect(linkedIn).toMatchObject({ start: '2026-11-17', end: '2026-11-24' });
    expect(windowDates([ny, tokyo].flatMap((w) => (w ? [w] : [])))).toHaveLength(91);
  });

  it('syncs the selected accounts, or every non-manager account when none is selected', () => {
    const accounts = [account('mcc', 'UTC', { isManager: true }), account('a', 'UTC'), account('b', 'UTC')];
    const integration = { providerId: 'facebook' as const, adAccounts: accounts };
    expect(accountsToSync({ ...integration, selectedAccountIds: [] }).map((a) => a.id)).toEqual(['a', 'b']);
    expect(
      accountsToSync({ ...integration, selectedAccountIds: ['b', 'mcc', 'gone'] }).map((a) => a.id),
    ).toEqual(['b']);
  });

  it('skips Google accounts the platform cannot report on (closed or suspended), and names them', () => {
    const accounts = [
      account('a', 'UTC'),
      account('gone', 'UTC', { status: 'closed' }),
      account('held', 'UTC', { status: 'disabled' }),
    ];
    const google = { providerId: 'google' as const, adAccounts: accounts, selectedAccountIds: [] };
    expect(accountsToSync(google).map((a) => a.id)).toEqual(['a']);
    expect(unreportableAccounts(google).map((a) => a.id)).toEqual(['gone', 'held']);
    // Other platforms still report a closed account's history.
    const meta = { ...google, providerId: 'facebook' as const };
    expect(accountsToSync(meta).map((a) => a.id)).toEqual(['a', 'gone', 'held']);
    expect(unreportableAccounts(meta)).toEqual([]);
  });
});

describe('sync summary', () => {
  it('names what failed in a partial failure and still succeeds', () => {
    const summary = summarizeSync([
      { accountId: '111', ok: true },
      { accountId: '123-456', ok: false, reason: 'The ad account is disabled.' },
      { accountId: '222', ok: true },
    ]);
    expect(summary).toEqual({
      status: 'success',
      message: '2 of 3 accounts synced; 123-456: The ad account is disabled.',
      errorMessage: '123-456: The ad account is disabled.',
    });
  });

  it('is an error when no account synced, and a success with nothing to sync', () => {
    expect(summarizeSync([{ accountId: 'a', ok: false, reason: 'x' }]).status).toBe('error');
    expect(summarizeSync([{ accountId: 'a', ok: true }])).toEqual({
      status: 'success',
      message: '1 of 1 account synced',
      errorMessage: null,
    });
    expect(summarizeSync([]).message).toBe('no ad accounts to sync');
  });

  it('cuts long reasons', () => {
    const summary = summarizeSync([{ accountId: 'a', ok: false, reason: 'x'.repeat(500) }]);
    expect(summary.message.length).toBeLessThan(250);
    expect(reconnectMessage('token revoked')).toBe('reconnect needed: token revoked');
  });
});

describe('error classification', () => {
  const now = new Date('2026-11-25T10:00:00Z');
  const providerError = (
    kind: ProviderError['kind'],
    extra: { retryAfterMs?: number; resetsAt?: Date } = {},
  ) => new ProviderError({ providerId: 'google', kind, message: `${kind} happened`, ...extra });

  it('retries transient errors and anything unknown', () => {
    expect(classifySyncError(providerError('transient'), now).action).toBe('retry');
    expect(classifySyncError(new Error('firestore unavailable'), now).action).toBe('retry');
  });

  it('delays rate limits by the hint without spending an attempt', () => {
    expect(classifySyncError(providerError('rate-limited', { retryAfterMs: 5_000 }), now)).toMatchObject({
      action: 'delay',
      untilMs: now.getTime() + 5_000,
    });
    expect(classifySyncError(new CredentialBusyError(3_000), now)).toMatchObject({
      action: 'delay',
      untilMs: now.getTime() + 3_000,
    });
  });

  it('parks quota errors until the reset, or the next UTC midnight when none is named', () => {
    const resetsAt = new Date('2026-11-26T00:00:00Z');
    expect(classifySyncError(providerError('quota-exhausted', { resetsAt }), now)).toMatchObject({
      action: 'park',
      untilMs: resetsAt.getTime(),
    });
    expect(classifySyncError(providerError('quota-exhausted'), now)).toMatchObject({
      action: 'park',
      untilMs: nextUtcMidnight(now),
    });
    expect(nextUtcMidnight(now)).toBe(Date.parse('2026-11-26T00:00:00Z'));
  });

  it('asks for a reconnect on auth errors, fails permanent ones, retries unreadable bodies, abandons a lost claim', () => {
    expect(classifySyncError(providerError('auth'), now).action).toBe('reconnect');
    expect(classifySyncError(providerError('permanent'), now).action).toBe('fail');
    expect(classifySyncError(providerError('invalid-response'), now).action).toBe('retry');
    expect(classifySyncError(new LostClaimError('job', 'worker'), now).action).toBe('abandon');
  });
});

describe('zero days', () => {
  it('fills the dates no account had a row for, one currency or several', () => {
    const syncedAt = new Date('2026-11-25T10:00:00Z');
    const options = {
      syncedAt,
      rawPayloadRef: 'user-1/google/job-1-1.json',
      timeZoneOf: (a: AdAccount) => a.timeZone,
    };
    const usd = account('a', 'America/New_York');
    const days = zeroDays('google', ['2026-11-01', '2026-11-02'], [], [usd], options);
    expect(days.map((d) => [d.date, d.currencyCode, d.spend, d.impressions])).toEqual([
      ['2026-11-01', 'USD', 0, 0],
      ['2026-11-02', 'USD', 0, 0],
    ]);
    const mixed = zeroDays(
      'google',
      ['2026-11-01'],
      [],
      [usd, account('b', 'Asia/Tokyo', { currencyCode: 'JPY' })],
      options,
    );
    expect(mixed[0]).toMatchObject({
      currencyCode: null,
      spend: null,
      timeZones: ['America/New_York', 'Asia/Tokyo'],
    });
    expect(zeroDays('google', ['2026-11-01'], [], [], options)).toEqual([]);
  });
});
