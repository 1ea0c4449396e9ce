import { describe, expect, it } from 'vitest';
import { platformResponse } from '../../../test/fixtures/responses';
import { report, tiktokErrors } from '../../../test/fixtures/tiktok';
import { classifyTikTokError } from './errors';

describe('TikTok error classification (errors inside HTTP 200)', () => {
  it('treats expired, revoked and invalid tokens as auth', () => {
    expect(classifyTikTokError(platformResponse(200, tiktokErrors.expired), 'x')).toMatchObject({
      kind: 'auth',
      platformCode: '40102',
    });
    expect(classifyTikTokError(platformResponse(200, tiktokErrors.invalid), 'x')?.kind).toBe('auth');
  });

  it('rate-limits 40100 and 40133 until the next second', () => {
    for (const body of [tiktokErrors.appLimit, tiktokErrors.advertiserQps]) {
      expect(classifyTikTokError(platformResponse(200, body), 'x')).toMatchObject({
        kind: 'rate-limited',
        retryAfterMs: 1000,
      });
    }
  });

  it('tells the daily quota (QPD) and the minute budget (QPM) from the per-second limit', () => {
    const qpd = {
      code: 40100,
      message: 'The daily request quota (QPD) of this app is used up. It resets at 00:00 UTC.',
    };
    const daily = classifyTikTokError(platformResponse(200, qpd), 'x');
    expect(daily?.kind).toBe('quota-exhausted');
    expect(daily?.resetsAt?.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    const qpm = { code: 40100, message: 'App QPM reaches the limit.' };
    expect(classifyTikTokError(platformResponse(200, qpm), 'x')?.retryAfterMs).toBe(300_000);
  });

  it('fails an advertiser out of the grant permanently; retries system errors', () => {
    expect(classifyTikTokError(platformResponse(200, tiktokErrors.noPermission), 'x')?.kind).toBe(
      'permanent',
    );
    expect(classifyTikTokError(platformResponse(200, tiktokErrors.param), 'x')?.kind).toBe('permanent');
    expect(classifyTikTokError(platformResponse(200, tiktokErrors.system), 'x')?.kind).toBe('transient');
  });

  it('accepts success and partial success, and leaves non-200s to the status', () => {
    expect(classifyTikTokError(platformResponse(200, report), 'x')).toBeNull();
    expect(classifyTikTokError(platformResponse(200, tiktokErrors.partial), 'x')).toBeNull();
    expect(classifyTikTokError(platformResponse(404, 'Not Found'), 'x')).toBeNull();
  });
});
