import { describe, expect, it } from 'vitest';
import { bucHeader, metaErrors } from '../../../test/fixtures/meta';
import { fixtureReceivedAt, platformResponse } from '../../../test/fixtures/responses';
import { classifyMetaError } from './errors';
import { metaUsageWaitMs } from './usage-headers';

describe('Meta error classification', () => {
  it('treats code 190 as auth, saying when the 60-day token expired', () => {
    const expired = classifyMetaError(platformResponse(400, metaErrors.expired), 'x');
    expect(expired).toMatchObject({ kind: 'auth', platformCode: '190/463' });
    expect(expired?.message).toMatch(/expired/);
    expect(classifyMetaError(platformResponse(400, metaErrors.invalidToken), 'x')?.kind).toBe('auth');
  });

  it('rate-limits on throttling codes, waiting as long as the usage header says', () => {
    const error = classifyMetaError(platformResponse(400, metaErrors.bucLimit, bucHeader), 'x');
    expect(error).toMatchObject({
      kind: 'rate-limited',
      platformCode: '80000/2446079',
      retryAfterMs: 7 * 60_000,
    });
    expect(classifyMetaError(platformResponse(400, metaErrors.accountLimit), 'x')?.kind).toBe('rate-limited');
    expect(classifyMetaError(platformResponse(400, metaErrors.userLimit), 'x')?.retryAfterMs).toBeUndefined();
  });

  it('parks the job when Meta says the throttle is not transient', () => {
    const appBudget = {
      error: { message: '(#4) Application request limit reached', code: 4, is_transient: false },
    };
    const error = classifyMetaError(platformResponse(400, appBudget), 'x');
    expect(error?.kind).toBe('quota-exhausted');
    expect((error?.resetsAt?.getTime() ?? 0) - fixtureReceivedAt.getTime()).toBe(60 * 60_000);
  });

  it('fails permission problems permanently and retries transient ones', () => {
    expect(classifyMetaError(platformResponse(403, metaErrors.permission), 'x')?.kind).toBe('permanent');
    expect(classifyMetaError(platformResponse(500, metaErrors.unknown), 'x')?.kind).toBe('transient');
    expect(classifyMetaError(platformResponse(400, metaErrors.badParam), 'x')?.kind).toBe('permanent');
  });

  it('reads a spent code at the token endpoint as "sign in again"', () => {
    expect(classifyMetaError(platformResponse(400, metaErrors.usedCode), 'x', { oauth: true })?.kind).toBe(
      'auth',
    );
  });

  it('leaves successes alone', () => {
    expect(classifyMetaError(platformResponse(200, { data: [] }), 'x')).toBeNull();
  });
});

describe('Meta usage headers', () => {
  it('reads estimated_time_to_regain_access in minutes', () => {
    expect(metaUsageWaitMs({ headers: new Headers(bucHeader) })).toBe(7 * 60_000);
  });

  it('pauses when an ad account is near its budget', () => {
    const headers = new Headers({
      'x-ad-account-usage': JSON.stringify({ acc_id_util_pct: 97.5, reset_time_duration: 120 }),
    });
    expect(metaUsageWaitMs({ headers })).toBe(120_000);
  });

  it('says nothing when usage is low or the header is malformed', () => {
    const low = new Headers({
      'x-business-use-case-usage': JSON.stringify({
        '1': [{ call_count: 10, estimated_time_to_regain_access: 0 }],
      }),
    });
    expect(metaUsageWaitMs({ headers: low })).toBeUndefined();
    expect(
      metaUsageWaitMs({ headers: new Headers({ 'x-business-use-case-usage': '{oops' }) }),
    ).toBeUndefined();
  });
});
