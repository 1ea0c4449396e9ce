import { describe, expect, it } from 'vitest';
import { parseDurationMs, parseRetryAfter, retryDelayMs } from './backoff';

describe('backoff', () => {
  it('doubles from 1 s to a 64 s ceiling with equal jitter', () => {
    expect(retryDelayMs(1, () => 0)).toBe(500);
    expect(retryDelayMs(1, () => 1)).toBe(1000);
    expect(retryDelayMs(2, () => 1)).toBe(2000);
    expect(retryDelayMs(7, () => 1)).toBe(64_000);
    expect(retryDelayMs(12, () => 1)).toBe(64_000);
    expect(retryDelayMs(12, () => 0)).toBe(32_000);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-03-01T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Sun, 01 Mar 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sun, 01 Mar 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });

  it('reads protobuf durations (Google retryDelay)', () => {
    expect(parseDurationMs('40591s')).toBe(40_591_000);
    expect(parseDurationMs('1.5s')).toBe(1500);
    expect(parseDurationMs('5m')).toBeUndefined();
    expect(parseDurationMs(undefined)).toBeUndefined();
  });
});
