import { describe, expect, it } from 'vitest';
import { offsetFromSamples, offsetLifetimeMs } from './redis-clock';

describe('offsetFromSamples', () => {
  it('takes the quickest round trip, with the server reading halfway through it', () => {
    const samples = [
      { sentMs: 1_000, receivedMs: 1_080, redisMs: 1_530 }, // 80 ms: the reading could be anywhere in it
      { sentMs: 2_000, receivedMs: 2_004, redisMs: 2_502 }, // 4 ms: offset 2_502 - 2_002 = 500
      { sentMs: 3_000, receivedMs: 3_010, redisMs: 3_507 },
    ];
    expect(offsetFromSamples(samples)).toEqual({ offsetMs: 500, roundTripMs: 4 });
  });

  it('reads no offset and an endless round trip from no samples', () => {
    expect(offsetFromSamples([])).toEqual({ offsetMs: 0, roundTripMs: Number.POSITIVE_INFINITY });
  });
});

describe('offsetLifetimeMs', () => {
  it('measures again a second later when even the best round trip was slow (a busy event loop)', () => {
    expect(offsetLifetimeMs(7, 60_000)).toBe(1_000);
    expect(offsetLifetimeMs(80, 60_000)).toBe(1_000);
    expect(offsetLifetimeMs(Number.POSITIVE_INFINITY, 60_000)).toBe(1_000);
  });

  it('keeps a quick measurement until the regular refresh', () => {
    expect(offsetLifetimeMs(6, 60_000)).toBe(60_000);
    expect(offsetLifetimeMs(0, 30_000)).toBe(30_000);
  });
});
