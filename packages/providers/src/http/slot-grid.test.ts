import { describe, expect, it } from 'vitest';
import { firstUsableSlot, maxSendsInSpan, slotGrid, slotTime } from './slot-grid';

const grid = slotGrid({ requestsPerSecond: 10, windowSeconds: 2, margin: 0.05 });

/** Every send time of the grid over `seconds` seconds from `start`, each shifted by a jitter. */
function sends(seconds: number, jitter: () => number, start = 1_700_000_000_123): number[] {
  const first = firstUsableSlot(grid, start, 0);
  const count = Math.floor((seconds * 1000) / grid.spacingMs);
  return Array.from({ length: count }, (_, i) => slotTime(grid, first + i) + jitter()).sort((a, b) => a - b);
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
  it('spaces 19 sends per 2 s: 9.5 req/s, 105.3 ms apart', () => {
    expect(grid.slotsPerWindow).toBe(19);
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
      expect(times.length / 600).toBeCloseTo(9.5, 1);
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

  it('numbers slots from the epoch and skips slots already gone, allowing a few ms of lateness', () => {
    expect(slotTime(grid, 19)).toBeCloseTo(2000, 9);
    expect(firstUsableSlot(grid, 2000, 5)).toBe(19);
    expect(firstUsableSlot(grid, 2004, 5)).toBe(19);
    expect(firstUsableSlot(grid, 2010, 5)).toBe(20);
  });

  it('rejects a window of part of a second, and a margin of the whole budget', () => {
    expect(() => slotGrid({ requestsPerSecond: 10, windowSeconds: 0.5, margin: 0 })).toThrow(RangeError);
    expect(() => slotGrid({ requestsPerSecond: 10, windowSeconds: 1, margin: 1 })).toThrow(RangeError);
  });
});
