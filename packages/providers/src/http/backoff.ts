import { syncRetryDelayMs } from '../core-runtime';

/**
 * The one retry schedule of the product (1 s doubling to 64 s, "equal" jitter), used here for
 * retries inside one request and by the worker between job attempts.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  return syncRetryDelayMs(attempt, random);
}

/**
 * `Retry-After` as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). Undefined when
 * absent or unreadable, so the caller falls back to its backoff.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** A protobuf `Duration` in JSON form (`"40591s"`, `"1.5s"`) as milliseconds. */
export function parseDurationMs(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const match = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
  return match?.[1] ? Math.round(Number(match[1]) * 1000) : undefined;
}
