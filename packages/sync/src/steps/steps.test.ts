import type { AdAccount, NormalizedMetricRecord, OAuthTokenSet } from '@cohorts/core/contract';
import { testAdAccount } from '@cohorts/core/testing';
import { type AccountMetricsResult, ProviderError } from '@cohorts/providers';
import { describe, expect, it } from 'vitest';
import type { AccountDateWindow } from '../window';
import { failureToRetry } from './fetch-windows';
import { accountOutcomes, syncMessage } from './finish';
import { canRefresh, expiresWithin } from './fresh-tokens';
import { carriedDates, notRewrittenOn, syncedAccounts, syncedDays } from './write-days';

const account = (id: string, timeZone = 'UTC'): AdAccount => testAdAccount(id, { timeZone });
/** `2026-11-<first>` through `2026-11-<last>`, written out. */
const novemberDays = (first: number, last: number): string[] =>
  Array.from({ length: last - first + 1 }, (_, index) => `2026-11-${String(first + index).padStart(2, '0')}`);
const window = (id: string, start: string, end: string): AccountDateWindow => ({
  account: account(id),
  start,
  end,
});
const record = (accountId: string, date: string, spend: number): NormalizedMetricRecord => ({
  providerId: 'google',
  accountId,
  date,
  timeZone: 'UTC',
  currencyCode: 'USD',
  spend,
  impressions: 10,
  clicks: 1,
  conversions: 0,
  revenue: null,
  creatives: [],
  campaign: { id: `c-${accountId}`, name: 'Campaign', objective: null },
  conversionMapping: 'conversions',
  rawPayloadRef: null,
});
const ok = (accountId: string, records: NormalizedMetricRecord[] = []): AccountMetricsResult => ({
  accountId,
  ok: true,
  records,
  raw: [],
  warnings: [],
});
const failed = (
  accountId: string,
  kind: ProviderError['kind'],
  message: string = kind,
): AccountMetricsResult => ({
  accountId,
  ok: false,
  error: new ProviderError({ providerId: 'google', kind, message }),
});

describe('fresh tokens', () => {
  const tokens = (expiresAt: Date | null, refreshToken: string | null = 'r'): OAuthTokenSet => ({
    accessToken: 'a',
    refreshToken,
    accessTokenExpiresAt: expiresAt,
    refreshTokenExpiresAt: null,
    scopes: [],
    grantedAccountIds: [],
  });
  const now = new Date('2026-11-18T12:00:00Z');

  it('refreshes only tokens that expire within the margin', () => {
    expect(expiresWithin(tokens(new Date('2026-11-18T12:04:59Z')), now, 5 * 60_000)).toBe(true);
    expect(expiresWithin(tokens(new Date('2026-11-18T12:05:01Z')), now, 5 * 60_000)).toBe(false);
    expect(expiresWithin(tokens(null), now, 5 * 60_000)).toBe(false);
  });

  it('can refresh only with a refresh token on a platform that refreshes', () => {
    expect(canRefresh({ supportsRefresh: true }, tokens(null))).toBe(true);
    expect(canRefresh({ supportsRefresh: true }, tokens(null, null))).toBe(false);
    expect(canRefresh({ supportsRefresh: false }, tokens(null))).toBe(false);
  });
});

describe('fetch windows', () => {
  it('retries the job for a retryable account failure while attempts remain', () => {
    const results = [ok('a'), failed('b', 'permanent'), failed('c', 'transient', 'timeout')];
    expect(failureToRetry(results, false)?.message).toBe('timeout');
  });

  it('writes the others on the last attempt, and never retries for permanent failures', () => {
    expect(failureToRetry([ok('a'), failed('c', 'transient')], true)).toBeNull();
    expect(failureToRetry([ok('a'), failed('b', 'permanent')], false)).toBeNull();
  });
});

describe('write days', () => {
  const windows = [window('a', '2026-11-10', '2026-11-17'), window('b', '2026-11-11', '2026-11-18')];

  it('keeps stored numbers for failed accounts and for dates outside an account window', () => {
    const okIds = new Set(['a']);
    expect([...notRewrittenOn('2026-11-12', windows, okIds)]).toEqual(['b']);
    expect([...notRewrittenOn('2026-11-18', windows, new Set(['a', 'b']))]).toEqual(['a']);
    expect([...notRewrittenOn('2026-11-10', windows, new Set(['a', 'b']))]).toEqual(['b']);
  });

  it('reads stored days only on the dates some account keeps its numbers', () => {
    expect(carriedDates(windows, new Set(['a', 'b']))).toEqual(['2026-11-10', '2026-11-18']);
    // A failed account keeps its numbers on every date the sync rewrites.
    expect(carriedDates(windows, new Set(['a']))).toEqual(novemberDays(10, 18));
  });

  it('writes a day per synced record date and zero days for the rest of the synced windows', () => {
    const syncedAt = new Date('2026-11-19T00:00:00Z');
    const synced = syncedAccounts([ok('a', [record('a', '2026-11-12', 5)]), failed('b', 'permanent')]);
    const days = syncedDays('google', windows, synced, { syncedAt, rawPayloadRef: null });
    expect(days.map((d) => d.date).sort()).toEqual(novemberDays(10, 17));
    expect(days.find((d) => d.date === '2026-11-12')?.spend).toBe(5);
    expect(days.find((d) => d.date === '2026-11-13')?.spend).toBe(0);
  });
});

describe('finish', () => {
  it('names an account the platform said nothing about as failed', () => {
    const outcomes = accountOutcomes(
      [window('a', '2026-11-10', '2026-11-17'), window('b', '2026-11-10', '2026-11-17')],
      [ok('a')],
    );
    expect(outcomes).toEqual([
      { accountId: 'a', ok: true },
      { accountId: 'b', ok: false, reason: 'the platform returned nothing for it' },
    ]);
  });

  it('adds the warning count and the skipped accounts to the summary', () => {
    const summary = { status: 'success' as const, message: '1 of 1 account synced', errorMessage: null };
    expect(syncMessage(summary, 0, [])).toBe('1 of 1 account synced');
    expect(syncMessage(summary, 2, ['x', 'y'])).toBe(
      '1 of 1 account synced (2 warnings); skipped x, y: closed or suspended, so the platform reports nothing',
    );
  });
});
