import { describe, expect, it } from 'vitest';
import { googleErrors } from '../../../test/fixtures/google';
import { fixtureReceivedAt, platformResponse } from '../../../test/fixtures/responses';
import { classifyGoogleAdsError } from './errors';

describe('Google Ads error classification', () => {
  it('treats an expired token as auth', () => {
    const error = classifyGoogleAdsError(platformResponse(401, googleErrors.expiredToken), 'x');
    expect(error).toMatchObject({ kind: 'auth', platformCode: 'authenticationError.OAUTH_TOKEN_EXPIRED' });
  });

  it('fails a disabled or unreachable account permanently', () => {
    expect(classifyGoogleAdsError(platformResponse(403, googleErrors.notEnabled), 'x')).toMatchObject({
      kind: 'permanent',
      platformCode: 'authorizationError.CUSTOMER_NOT_ENABLED',
    });
    expect(classifyGoogleAdsError(platformResponse(403, googleErrors.permissionDenied), 'x')?.kind).toBe(
      'permanent',
    );
  });

  it('parks the job on the daily quota until retryDelay has passed', () => {
    const error = classifyGoogleAdsError(platformResponse(429, googleErrors.dailyQuota), 'x');
    expect(error?.kind).toBe('quota-exhausted');
    expect((error?.resetsAt?.getTime() ?? 0) - fixtureReceivedAt.getTime()).toBe(40_591_000);
  });

  it('parks on the daily quota enum even when its retryDelay is short', () => {
    const shortDelay = structuredClone(googleErrors.dailyQuota);
    const detail = shortDelay.error.details[0]?.errors[0];
    if (detail?.details) detail.details = { quotaErrorDetails: { retryDelay: '30s' } };
    expect(classifyGoogleAdsError(platformResponse(429, shortDelay), 'x')?.kind).toBe('quota-exhausted');
  });

  it('retries short-term quota errors after their retryDelay', () => {
    expect(classifyGoogleAdsError(platformResponse(429, googleErrors.shortTermQuota), 'x')).toMatchObject({
      kind: 'rate-limited',
      retryAfterMs: 3000,
    });
  });

  it('retries internal errors and fails bad queries', () => {
    expect(classifyGoogleAdsError(platformResponse(500, googleErrors.internal), 'x')?.kind).toBe('transient');
    expect(classifyGoogleAdsError(platformResponse(400, googleErrors.badQuery), 'x')?.kind).toBe('permanent');
  });

  it('unwraps errors sent inside the searchStream array', () => {
    const error = classifyGoogleAdsError(platformResponse(401, [googleErrors.expiredToken]), 'x');
    expect(error?.kind).toBe('auth');
  });

  it('leaves successful stream bodies alone', () => {
    expect(classifyGoogleAdsError(platformResponse(200, [{ results: [] }]), 'x')).toBeNull();
  });
});
