import type { ProviderId } from '@cohorts/core/contract';

/**
 * The error taxonomy every connector maps platform errors into:
 * - `auth`: the token is expired, revoked or lacks permission. Refresh once; else "reconnect needed".
 * - `rate-limited`: slow down; retry after `retryAfterMs` (the platform's hint when it gives one).
 * - `quota-exhausted`: the daily quota is spent; do not burn retries, park the job until `resetsAt`.
 * - `transient`: 5xx, timeouts, connection resets; retry with backoff.
 * - `permanent`: a request the platform will never accept (bad query, disabled account); fail now.
 * - `invalid-response`: the platform answered something we cannot read; fail now with a clear message.
 */
export const providerErrorKinds = [
  'auth',
  'rate-limited',
  'quota-exhausted',
  'transient',
  'permanent',
  'invalid-response',
] as const;
export type ProviderErrorKind = (typeof providerErrorKinds)[number];

export interface ProviderErrorDetails {
  providerId: ProviderId;
  kind: ProviderErrorKind;
  /** Safe to show a user: never contains a token, a secret or a stack trace. */
  message: string;
  httpStatus?: number;
  /** The platform's own error code (e.g. Meta 17, TikTok 40100, Google OAUTH_TOKEN_EXPIRED). */
  platformCode?: string;
  retryAfterMs?: number;
  resetsAt?: Date;
  accountId?: string;
}

export class ProviderError extends Error {
  readonly providerId: ProviderId;
  readonly kind: ProviderErrorKind;
  readonly httpStatus: number | undefined;
  readonly platformCode: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly resetsAt: Date | undefined;
  readonly accountId: string | undefined;

  constructor(details: ProviderErrorDetails) {
    super(details.message);
    this.name = 'ProviderError';
    this.providerId = details.providerId;
    this.kind = details.kind;
    this.httpStatus = details.httpStatus;
    this.platformCode = details.platformCode;
    this.retryAfterMs = details.retryAfterMs;
    this.resetsAt = details.resetsAt;
    this.accountId = details.accountId;
  }

  get retryable(): boolean {
    return this.kind === 'rate-limited' || this.kind === 'transient';
  }
}
