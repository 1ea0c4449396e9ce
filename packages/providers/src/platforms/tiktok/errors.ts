import type { PlatformResponse } from '../../http/http-client';
import { ProviderError } from '../../http/provider-error';
import { nextUtcMidnight } from '../../util/utc-midnight';
import { TikTokEnvelopeSchema } from './schemas';

const providerId = 'tiktok';

/** 0 is success; 20001 is a partial success whose data is still usable. */
const OK_CODES = new Set([0, 20001]);
const AUTH_CODES = new Set([40101, 40102, 40104, 40105, 40107, 40108, 40110, 40113]);
/** QPS limits (app 40100 / 40016, advertiser 40133) recover the next second. */
const RATE_CODES = new Set([40016, 40100, 40133]);
const TRANSIENT_CODES = new Set([50000, 50002, 51001, 51002, 51003, 51004, 51005, 60001]);

/**
 * TikTok answers HTTP 200 for its own errors, with `code` in the body; a non-200 status means the
 * request never reached the API (e.g. a missing trailing slash gives 404).
 */
export function classifyTikTokError(response: PlatformResponse, label: string): ProviderError | null {
  if (response.status !== 200) return null;
  const parsed = TikTokEnvelopeSchema.safeParse(response.json);
  if (!parsed.success) return null;
  const { code } = parsed.data;
  if (OK_CODES.has(code)) return null;
  const base = { providerId, httpStatus: 200, platformCode: String(code) } as const;

  if (AUTH_CODES.has(code)) {
    return new ProviderError({
      ...base,
      kind: 'auth',
      message: `TikTok rejected the access token (${label}): it was revoked or is invalid; reconnect TikTok Ads.`,
    });
  }
  if (RATE_CODES.has(code)) {
    // One code for three budgets; the message says which: per day (QPD, resets 00:00 UTC), per
    // minute (QPM, pause 5 min) or per second (QPS, next second).
    const text = parsed.data.message ?? '';
    if (/\bQPD\b|daily/i.test(text)) {
      return new ProviderError({
        ...base,
        kind: 'quota-exhausted',
        message: "TikTok's daily request quota for this app is used up; the sync resumes after 00:00 UTC.",
        resetsAt: nextUtcMidnight(response.receivedAt),
      });
    }
    return new ProviderError({
      ...base,
      kind: 'rate-limited',
      message: `TikTok is rate limiting requests (${label}).`,
      retryAfterMs: /\bQPM\b|minute/i.test(text) ? 5 * 60_000 : 1_000,
    });
  }
  if (code === 40106) {
    return new ProviderError({
      ...base,
      kind: 'permanent',
      message: `The TikTok authorization does not cover this advertiser any more (${label}).`,
    });
  }
  if (code === 40067) {
    return new ProviderError({
      ...base,
      kind: 'permanent',
      message: `TikTok says the report is too large (${label}).`,
    });
  }
  if (TRANSIENT_CODES.has(code) || code >= 50000) {
    return new ProviderError({
      ...base,
      kind: 'transient',
      message: `TikTok had a temporary problem (${label}).`,
    });
  }
  return new ProviderError({
    ...base,
    kind: 'permanent',
    message: `TikTok refused the request (error ${code}, ${label}).`,
  });
}
