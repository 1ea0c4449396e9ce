import { describe, expect, it } from 'vitest';
import { firstUsableSlot, maxSendsInSpan, slotGrid, slotTime, windowAt } from './slot-grid';

const grid = slotGrid({ requestsPerSecond: 10, windowSeconds: 2, margin: 0.05 });

/** Every send time of the grid over `seconds` seconds from `start`, each shifted by a jitter. */
function sends(seconds: number, jitter: (i: number) => number, start = 1_700_000_000_000): number[] {
  const times: number[] = [];
  const first = windowAt(grid, start);
  for (let w = first; w < first + seconds / 2; w++) {
    for (let i = 0; i < grid.slots; i++) times.push(slotTime(grid, w, i) + jitter(times.length));
  }
  return times.sort((a, b) => a - b);
}

function maxPerCalendarSecond(times: number[]): number {
  const counts = new Map<number, number>();
  for (const t of times) counts.set(Math.floor(t / 1000), (counts.get(Math.floor(t / 1000)) ?? 0) + 1);
  return Math.max(...counts.values());
}

function maxPerSlidingSecond(times: number[]): number {
  let max = 0;
  let from = 0;
  for (let to = 0; to < times.length; to++) {
    while ((times[to] as number) - (times[from] as number) >= 1000) from++;
    max = Math.max(max, to - from + 1);
  }
  return max;
}

describe('slot grid', () => {
  it('spaces 19 sends per 2 s window: 9.5 req/s, 105.3 ms apart', () => {
    expect(grid.slots).toBe(19);
    expect(grid.spacingMs).toBeCloseTo(105.263, 3);
    expect(maxSendsInSpan(grid, 1000)).toBe(10);
  });

  it('never puts more than 10 sends in a calendar or sliding second, even with 50 ms of jitter', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (const jitter of [() => 0, () => 50 * random()]) {
      const times = sends(600, jitter);
      expect(maxPerCalendarSecond(times)).toBeLessThanOrEqual(10);
      expect(maxPerSlidingSecond(times)).toBeLessThanOrEqual(10);
      expect(times.length / 600).toBeCloseTo(9.5, 5);
    }
  });

  it('a plain 10-per-second fixed window would allow 20 in a sliding second (why the grid exists)', () => {
    const edge = [
      ...Array.from({ length: 10 }, (_, i) => 990 + i),
      ...Array.from({ length: 10 }, (_, i) => 1000 + i),
    ];
    expect(maxPerCalendarSecond(edge)).toBe(10);
    expect(maxPerSlidingSecond(edge)).toBe(20);
  });

  it('skips slots already gone, allowing a few ms of lateness', () => {
    const w = 1000;
    const start = w * grid.windowMs;
    expect(firstUsableSlot(grid, w, start - 50, 5)).toBe(0);
    expect(firstUsableSlot(grid, w, start + 3, 5)).toBe(0);
    expect(firstUsableSlot(grid, w, start + 10, 5)).toBe(1);
    expect(firstUsableSlot(grid, w, start + 1999, 5)).toBe(19);
  });

  it('rejects durations rate-limiter-flexible cannot hold', () => {
    expect(() => slotGrid({ requestsPerSecond: 10, windowSeconds: 0.5, margin: 0 })).toThrow(RangeError);
    expect(() => slotGrid({ requestsPerSecond: 10, windowSeconds: 1, margin: 1 })).toThrow(RangeError);
  });
});
