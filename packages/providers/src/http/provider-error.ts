import type { ProviderId } from '@cohorts/core/contract';

/**
 * The error taxonomy every connector maps platform errors into:
 * - `auth`: the token is expired, revoked or lacks permission. Refresh once; else "reconnect needed".
 * - `rate-limited`: slow down; retry after `retryAfterMs` (the platform's hint when it gives one).
 * - `quota-exhausted`: the daily quota is spent; do not burn retries, park the job until `resetsAt`.
 * - `transient`: 5xx, timeouts, connection resets; retry with backoff.
 * - `permanent`: a request the platform will never accept (bad query, disabled account); fail now.
 * - `invalid-response`: the platform answered something we cannot read (a truncated or garbled body
 *   is usually a proxy or a bad moment, so it is retried like `transient`; if it persists the job
 *   fails with a clear message once its attempts are spent).
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
    return this.kind === 'rate-limited' || this.kind === 'transient' || this.kind === 'invalid-response';
  }

  /** What may be logged or stored: the safe fields only (no cause, no stack, no request). */
  toJSON(): ProviderErrorDetails & { name: string } {
    return {
      name: this.name,
      providerId: this.providerId,
      kind: this.kind,
      message: this.message,
      ...(this.httpStatus !== undefined && { httpStatus: this.httpStatus }),
      ...(this.platformCode !== undefined && { platformCode: this.platformCode }),
      ...(this.retryAfterMs !== undefined && { retryAfterMs: this.retryAfterMs }),
      ...(this.resetsAt !== undefined && { resetsAt: this.resetsAt }),
      ...(this.accountId !== undefined && { accountId: this.accountId }),
    };
  }

  /** The same error, about one ad account (for per-account results). */
  forAccount(accountId: string): ProviderError {
    if (this.accountId === accountId) return this;
    return new ProviderError({ ...this.toJSON(), accountId });
  }
}

export function isProviderError(error: unknown): error is ProviderError {
  return error instanceof ProviderError;
}
