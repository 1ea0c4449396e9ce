import { describe, expect, it } from 'vitest';
import { linkedInErrors } from '../../../test/fixtures/linkedin';
import { fixtureReceivedAt, platformResponse } from '../../../test/fixtures/responses';
import { nextUtcMidnight } from '../../util/utc-midnight';
import { linkedInApiVersion } from './config';
import { classifyLinkedInError } from './errors';

describe('LinkedIn error classification', () => {
  it('treats 401 as auth and an inactive version as permanent', () => {
    expect(classifyLinkedInError(platformResponse(401, linkedInErrors.invalidToken), 'x')).toMatchObject({
      kind: 'auth',
      platformCode: 'INVALID_ACCESS_TOKEN',
    });
    const version = classifyLinkedInError(platformResponse(426, linkedInErrors.version), 'x');
    expect(version).toMatchObject({ kind: 'permanent', platformCode: 'NONEXISTENT_VERSION' });
    expect(version?.message).toContain(linkedInApiVersion);
  });

  it('parks the job until midnight UTC on the daily throttle, retries a bare 429', () => {
    const daily = classifyLinkedInError(platformResponse(429, linkedInErrors.throttle), 'x');
    expect(daily?.kind).toBe('quota-exhausted');
    expect(daily?.resetsAt?.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    const withHint = classifyLinkedInError(
      platformResponse(429, linkedInErrors.throttle, { 'retry-after': '600' }),
      'x',
    );
    expect(withHint?.kind).toBe('quota-exhausted');
    expect((withHint?.resetsAt?.getTime() ?? 0) - fixtureReceivedAt.getTime()).toBe(600_000);
    expect(classifyLinkedInError(platformResponse(429, {}, { 'retry-after': '5' }), 'x')).toMatchObject({
      kind: 'rate-limited',
      retryAfterMs: 5000,
    });
  });

  it('fails missing access permanently and retries server errors', () => {
    expect(classifyLinkedInError(platformResponse(403, linkedInErrors.denied), 'x')?.kind).toBe('permanent');
    expect(classifyLinkedInError(platformResponse(503, linkedInErrors.server), 'x')?.kind).toBe('transient');
    expect(classifyLinkedInError(platformResponse(200, { elements: [] }), 'x')).toBeNull();
  });

  it('computes the next UTC midnight', () => {
    expect(nextUtcMidnight(new Date('2026-12-31T23:59:00Z')).toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });
});
