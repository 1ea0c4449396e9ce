import { parseDurationMs, parseRetryAfter } from '../../http/backoff';
import type { PlatformResponse } from '../../http/http-client';
import { ProviderError } from '../../http/provider-error';
import { type GoogleAdsErrorBody, GoogleAdsErrorSchema } from './schemas';

const providerId = 'google';
/** When a daily-quota error gives no retryDelay: look again in an hour. */
const DEFAULT_QUOTA_RESET_MS = 60 * 60_000;

interface GoogleFailure {
  status: string | undefined;
  /** `family.ENUM`, e.g. `authenticationError.OAUTH_TOKEN_EXPIRED`. */
  code: string | undefined;
  message: string | undefined;
  retryDelayMs: number | undefined;
}

function readFailure(body: GoogleAdsErrorBody): GoogleFailure {
  const { error } = body;
  const failure = error.details?.find((detail) => detail['@type']?.endsWith('.GoogleAdsFailure'));
  const first = failure?.errors?.[0];
  const [family, value] = Object.entries(first?.errorCode ?? {})[0] ?? [];
  const retryDelay = failure?.errors?.map((e) => e.details?.quotaErrorDetails?.retryDelay).find(Boolean);
  return {
    status: error.status,
    code: family && value ? `${family}.${value}` : undefined,
    message: first?.message ?? error.message,
    retryDelayMs: parseDurationMs(retryDelay),
  };
}

function envelope(json: unknown): GoogleAdsErrorBody | undefined {
  // searchStream sends its error as an element of the batch array (alone, or after some batches).
  const candidate = Array.isArray(json)
    ? json.find((item) => item !== null && typeof item === 'object' && 'error' in item)
    : json;
  const parsed = GoogleAdsErrorSchema.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}

const AUTH_CODES =
  /^authenticationError\.(OAUTH_|GOOGLE_ACCOUNT_|NOT_ADS_USER|AUTHENTICATION_ERROR|TWO_STEP|ADVANCED_PROTECTION|LOGIN_COOKIE)/;

/** Maps a Google Ads API error (REST envelope with GoogleAdsFailure details) to a ProviderError. */
export function classifyGoogleAdsError(response: PlatformResponse, label: string): ProviderError | null {
  const body = envelope(response.json);
  if (!body) return null;
  const failure = readFailure(body);
  const base = {
    providerId,
    httpStatus: response.status,
    platformCode: failure.code ?? failure.status ?? `HTTP_${response.status}`,
  } as const;
  const code = failure.code ?? '';

  if (response.status === 401 || failure.status === 'UNAUTHENTICATED' || AUTH_CODES.test(code)) {
    return new ProviderError({
      ...base,
      kind: 'auth',
      message: `Google Ads rejected the access token (${label}).`,
    });
  }
  if (code === 'authorizationError.CUSTOMER_NOT_ENABLED') {
    return new ProviderError({
      ...base,
      kind: 'permanent',
      message: `This Google Ads account is not enabled (cancelled or suspended), so it has no data to sync (${label}).`,
    });
  }
  if (code === 'authorizationError.USER_PERMISSION_DENIED') {
    return new ProviderError({
      ...base,
      kind: 'permanent',
      message: `The connected Google login has no access to this account, or its manager account is not set (${label}).`,
    });
  }
  if (code.startsWith('authorizationError.DEVELOPER_TOKEN')) {
    return new ProviderError({
      ...base,
      kind: 'permanent',
      message: `Google Ads does not accept this server's developer token (${code.split('.')[1]}).`,
    });
  }
  if (code.startsWith('quotaError.') || failure.status === 'RESOURCE_EXHAUSTED' || response.status === 429) {
    const delay =
      failure.retryDelayMs ??
      parseRetryAfter(response.headers.get('retry-after'), response.receivedAt.getTime());
    // RESOURCE_EXHAUSTED is the daily operations quota (RESOURCE_TEMPORARILY_EXHAUSTED and the
    // EXCESSIVE_* codes are short-term): park the job until retryDelay says it resets.
    if (code === 'quotaError.RESOURCE_EXHAUSTED') {
      return new ProviderError({
        ...base,
        kind: 'quota-exhausted',
        message:
          'The Google Ads API quota of this server is used up for today; the sync resumes when it resets.',
        resetsAt: new Date(response.receivedAt.getTime() + (delay ?? DEFAULT_QUOTA_RESET_MS)),
      });
    }
    return new ProviderError({
      ...base,
      kind: 'rate-limited',
      message: `Google Ads is rate limiting requests (${label}).`,
      ...(delay !== undefined && { retryAfterMs: delay }),
    });
  }
  if (
    response.status >= 500 ||
    code.startsWith('internalError.') ||
    failure.status === 'UNAVAILABLE' ||
    failure.status === 'DEADLINE_EXCEEDED' ||
    failure.status === 'INTERNAL'
  ) {
    return new ProviderError({
      ...base,
      kind: 'transient',
      message: `Google Ads had a temporary problem (${label}).`,
    });
  }
  return new ProviderError({
    ...base,
    kind: 'permanent',
    message: `Google Ads refused the request (${code || failure.status || `HTTP ${response.status}`}, ${label}).`,
  });
}
