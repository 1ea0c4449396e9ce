import type { PlatformResponse } from '../../http/http-client';
import { ProviderError } from '../../http/provider-error';
import { MetaErrorSchema } from './schemas';
import { metaUsageWaitMs } from './usage-headers';

const providerId = 'facebook';

/** Meta's usage budgets are rolling one-hour windows. */
const BUDGET_WINDOW_MS = 60 * 60_000;

/** Meta's throttling codes: app (4), user (17), page (32), ad account (613), business use case (80000-80014). */
function isRateLimitCode(code: number): boolean {
  return code === 4 || code === 17 || code === 32 || code === 613 || (code >= 80000 && code <= 80014);
}

/**
 * Maps a Graph API error envelope (`{"error":{"code","error_subcode",...}}`, usually HTTP 400) to a
 * ProviderError. `oauth` marks the token endpoint, where a bad code (100) means "sign in again".
 */
export function classifyMetaError(
  response: PlatformResponse,
  label: string,
  options: { oauth?: boolean } = {},
): ProviderError | null {
  const parsed = MetaErrorSchema.safeParse(response.json);
  if (!parsed.success) return null;
  const { code = 0, error_subcode: subcode, is_transient: isTransient } = parsed.data.error;
  const base = {
    providerId,
    httpStatus: response.status,
    platformCode: subcode ? `${code}/${subcode}` : String(code),
  } as const;

  if (code === 190 || code === 102 || (options.oauth && code === 100)) {
    const expired = subcode === 463;
    return new ProviderError({
      ...base,
      kind: 'auth',
      message: expired
        ? 'The Meta connection has expired (Meta tokens last about 60 days): reconnect Meta Ads.'
        : `Meta rejected the access token (${label}): reconnect Meta Ads.`,
    });
  }
  if (isRateLimitCode(code)) {
    const waitMs = metaUsageWaitMs(response);
    if (isTransient === false) {
      // Meta says retrying soon will not help (an app or account budget spent for its rolling hour).
      return new ProviderError({
        ...base,
        kind: 'quota-exhausted',
        message: `Meta's request budget for this app is used up (${label}); the sync resumes when it recovers.`,
        resetsAt: new Date(response.receivedAt.getTime() + (waitMs ?? BUDGET_WINDOW_MS)),
      });
    }
    return new ProviderError({
      ...base,
      kind: 'rate-limited',
      message: `Meta is throttling requests for this account (${label}).`,
      ...(waitMs !== undefined && { retryAfterMs: waitMs }),
    });
  }
  if (code === 10 || (code >= 200 && code <= 299)) {
    return new ProviderError({
      ...base,
      kind: 'permanent',
      message: `The connected Meta login lacks permission for this (${label}); it needs ads_read on the ad account.`,
    });
  }
  if (isTransient || code === 1 || code === 2 || response.status >= 500) {
    return new ProviderError({
      ...base,
      kind: 'transient',
      message: `Meta had a temporary problem (${label}).`,
    });
  }
  if (code === 100 && (subcode === 1504018 || subcode === 1504038)) {
    return new ProviderError({
      ...base,
      kind: 'permanent',
      message: `Meta could not compute the report in time (${label}); the range is too large for this account.`,
    });
  }
  return new ProviderError({
    ...base,
    kind: 'permanent',
    message: `Meta refused the request (error ${base.platformCode}, ${label}).`,
  });
}
