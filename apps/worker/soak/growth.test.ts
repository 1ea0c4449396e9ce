import { describe, expect, it } from 'vitest';
import { type HeapSample, heapFloors, leastSquaresSlope, median, type RssSample, rssGrowth } from './growth';

const mb = 1024 * 1024;

/** One sample a second for `minutes`, RSS from `rssMbAt(seconds)`. */
function samples(minutes: number, rssMbAt: (seconds: number) => number): RssSample[] {
  return Array.from({ length: minutes * 60 }, (_, second) => ({
    atSeconds: second,
    rssBytes: Math.round(rssMbAt(second) * mb),
  }));
}

describe('rssGrowth', () => {
  it('passes a flat garbage-collected sawtooth after the warm-up', () => {
    // Climbs from 80 to 200 MB in the first minute, then saws between 200 and 230 MB every 20 s.
    const growth = rssGrowth(
      samples(10, (s) => (s < 60 ? 80 + 2 * s : 200 + (s % 20) * 1.5)),
      60,
    );
    // Whole teeth cut off at the window's edges tilt the fit a little; a leak is MBs a minute.
    expect(Math.abs(growth.slopeMbPerMinute)).toBeLessThan(0.5);
    expect(Math.abs(growth.endMedianMb - growth.startMedianMb)).toBeLessThan(5);
    expect(growth.peakMb).toBeCloseTo(228.5, 0);
    expect(growth.pass).toBe(true);
  });

  it('fails a leak of 2 MB a minute', () => {
    const growth = rssGrowth(
      samples(10, (s) => 200 + (2 * s) / 60),
      60,
    );
    expect(growth.slopeMbPerMinute).toBeCloseTo(2, 5);
    expect(growth.pass).toBe(false);
  });

  it('fails a step up that the slope alone would forgive', () => {
    // Flat, then 30 % more for the last fifth: the end median is above 1.1 × the start one.
    const growth = rssGrowth(
      samples(10, (s) => (s < 480 ? 200 : 260)),
      60,
      { maxSlopeMbPerMinute: 100, maxEndToStartRatio: 1.1 },
    );
    expect(growth.endMedianMb).toBeCloseTo(260, 5);
    expect(growth.pass).toBe(false);
  });

  it('does not pass without samples after the warm-up', () => {
    expect(
      rssGrowth(
        samples(1, () => 100),
        120,
      ).pass,
    ).toBe(false);
  });
});

describe('median and slope', () => {
  it('median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(Number.isNaN(median([]))).toBe(true);
  });

  it('slope of a line, and NaN when x does not vary', () => {
    expect(leastSquaresSlope([0, 1, 2, 3].map((x) => ({ x, y: 5 + 3 * x })))).toBeCloseTo(3, 10);
    expect(
      Number.isNaN(
        leastSquaresSlope([
          { x: 1, y: 1 },
          { x: 1, y: 2 },
        ]),
      ),
    ).toBe(true);
  });
});

describe('heapFloors', () => {
  /** One heap sample a second for `minutes`, used heap from `usedMbAt(seconds)`. */
  function heapSamples(minutes: number, usedMbAt: (seconds: number) => number): HeapSample[] {
    return Array.from({ length: minutes * 60 }, (_, second) => ({
      atSeconds: second,
      usedBytes: Math.round(usedMbAt(second) * mb),
    }));
  }

  it('finds no growth in garbage that each collection clears', () => {
    // 70 MB reachable; garbage piles up to 60 MB over 15 s, then a collection clears it.
    const floor = heapFloors(
      heapSamples(10, (s) => 70 + (s % 15) * 4),
      60,
    );
    expect(floor.minutes).toBe(9);
    expect(floor.slopeMbPerMinute).toBeCloseTo(0, 6);
    expect(floor.firstFloorMb).toBeCloseTo(70, 3);
  });

  it('sees 2 MB a minute kept alive under the same sawtooth', () => {
    const floor = heapFloors(
      heapSamples(10, (s) => 70 + (2 * s) / 60 + (s % 15) * 4),
      60,
    );
    expect(floor.slopeMbPerMinute).toBeCloseTo(2, 1);
    expect(floor.lastFloorMb - floor.firstFloorMb).toBeGreaterThan(15);
  });

  it('leaves out the minute the soak cut short', () => {
    // 4 minutes of sawtooth, then 30 s with no collection before the soak ends: a high floor.
    const samples = heapSamples(5, (s) => (s < 240 ? 70 + (s % 15) * 4 : 150)).filter(
      (s) => s.atSeconds < 270,
    );
    const floor = heapFloors(samples, 0);
    expect(floor.minutes).toBe(4);
    expect(floor.lastFloorMb).toBeCloseTo(70, 3);
  });
});
