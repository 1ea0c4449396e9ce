/**
 * How long to wait between attempts of one platform request. A request retry is not a job retry:
 * this schedule is spent inside one sync, bounded by the HTTP client's attempts and its longest
 * in-request wait, while the job catalog's schedule (core) spaces whole sync attempts. They start
 * with the same numbers but change for different reasons, so each owns its own.
 */
const requestRetrySchedule = {
  baseDelayMs: 1_000,
  maxDelayMs: 64_000,
} as const;

/**
 * Delay before attempt `attempt + 1` (1-based): 1 s, 2 s, 4 s ... capped at 64 s, with "equal
 * jitter" (half fixed, half random) so many callers retrying at once spread out yet never retry
 * instantly.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const exponent = Math.max(0, attempt - 1);
  const ceiling = Math.min(requestRetrySchedule.maxDelayMs, requestRetrySchedule.baseDelayMs * 2 ** exponent);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
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
