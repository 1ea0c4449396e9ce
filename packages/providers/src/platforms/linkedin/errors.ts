import { parseRetryAfter } from '../../http/backoff';
import type { PlatformResponse } from '../../http/http-client';
import { ProviderError } from '../../http/provider-error';
import { nextUtcMidnight } from '../../util/utc-midnight';
import { linkedInApiVersion } from './config';
import { LinkedInErrorSchema } from './schemas';

const providerId = 'linkedin';

/**
 * Maps a LinkedIn REST error (`{"status","serviceErrorCode","code","message"}`) to a ProviderError.
 * LinkedIn's limits are daily (per app and per member, reset at midnight UTC): its throttle message
 * parks the job until then (or its Retry-After); any other 429 is retried with backoff.
 */
export function classifyLinkedInError(response: PlatformResponse, label: string): ProviderError | null {
  if (response.status >= 200 && response.status < 300) return null;
  const parsed = LinkedInErrorSchema.safeParse(response.json);
  const body = parsed.success ? parsed.data : {};
  const status = response.status;
  const base = {
    providerId,
    httpStatus: status,
    platformCode: body.code ?? (body.serviceErrorCode ? String(body.serviceErrorCode) : `HTTP_${status}`),
  } as const;

  if (status === 401) {
    return new ProviderError({
      ...base,
      kind: 'auth',
      message: `LinkedIn rejected the access token (${label}).`,
    });
  }
  if (status === 426) {
    return new ProviderError({
      ...base,
      kind: 'permanent',
      message: `LinkedIn no longer serves API version ${linkedInApiVersion}: this server needs an update.`,
    });
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), response.receivedAt.getTime());
    if (/throttle limit|daily/i.test(body.message ?? '')) {
      return new ProviderError({
        ...base,
        kind: 'quota-exhausted',
        message: 'The LinkedIn API daily limit is reached; the sync resumes after it resets (midnight UTC).',
        resetsAt:
          retryAfterMs === undefined
            ? nextUtcMidnight(response.receivedAt)
            : new Date(response.receivedAt.getTime() + retryAfterMs),
      });
    }
    return new ProviderError({
      ...base,
      kind: 'rate-limited',
      message: `LinkedIn is rate limiting requests (${label}).`,
      ...(retryAfterMs !== undefined && { retryAfterMs }),
    });
  }
  if (status === 403) {
    return new ProviderError({
      ...base,
      kind: 'permanent',
      message: `The connected LinkedIn member has no reporting access here (${label}): it needs an ad account role and r_ads_reporting.`,
    });
  }
  if (status >= 500) {
    return new ProviderError({
      ...base,
      kind: 'transient',
      message: `LinkedIn had a temporary problem (${label}).`,
    });
  }
  if (!parsed.success) return null;
  return new ProviderError({
    ...base,
    kind: 'permanent',
    message: `LinkedIn refused the request (${base.platformCode}, ${label}).`,
  });
}
