import { LostClaimError } from '@cohorts/core';
import { CredentialBusyError, isProviderError, LimiterUnavailableError } from '@cohorts/providers';

/**
 * What the processor does with an error:
 * - `retry`: throw so BullMQ retries with the jittered exponential backoff (spends an attempt):
 *   transient errors and unreadable bodies;
 * - `delay`: rate limited, come back at `untilMs` without spending an attempt;
 * - `park`: the daily quota is spent, come back when it resets without spending an attempt;
 * - `reconnect`: the grant is dead (after a refresh was tried): fail now, the user must re-link;
 * - `fail`: the platform will never accept this request: fail now;
 * - `abandon`: this worker lost its claim (another took the job over): touch nothing more.
 */
export type SyncErrorAction =
  | { action: 'retry'; reason: string }
  | { action: 'delay'; untilMs: number; reason: string }
  | { action: 'park'; untilMs: number; reason: string }
  | { action: 'reconnect'; reason: string }
  | { action: 'fail'; reason: string }
  | { action: 'abandon'; reason: string };

/** A rate-limit hint that is missing or absurdly short still waits a little. */
export const minRateLimitDelayMs = 1_000;
/** A quota error that names no reset time is retried at the next UTC midnight. */
export function nextUtcMidnight(now: Date): number {
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : 'unknown error';
}

export function classifySyncError(error: unknown, now: Date): SyncErrorAction {
  if (error instanceof LostClaimError) return { action: 'abandon', reason: error.message };
  if (error instanceof CredentialBusyError) {
    return {
      action: 'delay',
      untilMs: now.getTime() + Math.max(minRateLimitDelayMs, error.retryAfterMs),
      reason: error.message,
    };
  }
  if (error instanceof LimiterUnavailableError) return { action: 'retry', reason: error.message };
  if (isProviderError(error)) {
    switch (error.kind) {
      case 'auth':
        return { action: 'reconnect', reason: error.message };
      case 'rate-limited':
        return {
          action: 'delay',
          untilMs: now.getTime() + Math.max(minRateLimitDelayMs, error.retryAfterMs ?? 0),
          reason: error.message,
        };
      case 'quota-exhausted': {
        const resetMs = error.resetsAt?.getTime() ?? nextUtcMidnight(now);
        return {
          action: 'park',
          untilMs: Math.max(resetMs, now.getTime() + minRateLimitDelayMs),
          reason: error.message,
        };
      }
      case 'transient':
      case 'invalid-response':
        return { action: 'retry', reason: error.message };
      case 'permanent':
        return { action: 'fail', reason: error.message };
    }
  }
  // Firestore/Redis blips and anything unforeseen: retrying is safe because writes are idempotent.
  return { action: 'retry', reason: messageOf(error) };
}
