/**
 * Memory growth of a process over a soak, pure: a least-squares slope of RSS over time after the
 * warm-up, and the medians of its first and last stretches. A leak shows as a positive slope and an
 * end median above the start one; a garbage-collected sawtooth has neither.
 */

export interface RssSample {
  /** Seconds since the soak began. */
  atSeconds: number;
  rssBytes: number;
}

export interface GrowthLimits {
  /** Largest acceptable slope, MB per minute. */
  maxSlopeMbPerMinute: number;
  /** End median may be at most this multiple of the start median. */
  maxEndToStartRatio: number;
}

const defaultGrowthLimits: GrowthLimits = { maxSlopeMbPerMinute: 1, maxEndToStartRatio: 1.1 };

export interface Growth {
  samples: number;
  slopeMbPerMinute: number;
  startMedianMb: number;
  endMedianMb: number;
  peakMb: number;
  pass: boolean;
}

const mb = 1024 * 1024;

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
}

/** Ordinary least-squares slope of y over x (NaN with fewer than two distinct x). */
export function leastSquaresSlope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / n;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / n;
  let covariance = 0;
  let varianceX = 0;
  for (const p of points) {
    covariance += (p.x - meanX) * (p.y - meanY);
    varianceX += (p.x - meanX) ** 2;
  }
  return varianceX === 0 ? Number.NaN : covariance / varianceX;
}

/**
 * Growth of one process: samples before `warmUpSeconds` are dropped (start-up, JIT, caches filling);
 * the start and end medians are over the first and last `edgeFraction` of what is left.
 */
export function rssGrowth(
  samples: readonly RssSample[],
  warmUpSeconds: number,
  limits: GrowthLimits = defaultGrowthLimits,
  edgeFraction = 0.2,
): Growth {
  const kept = samples.filter((s) => s.atSeconds >= warmUpSeconds).sort((a, b) => a.atSeconds - b.atSeconds);
  const slope = leastSquaresSlope(kept.map((s) => ({ x: s.atSeconds / 60, y: s.rssBytes / mb })));
  const edge = Math.max(1, Math.floor(kept.length * edgeFraction));
  const startMedianMb = median(kept.slice(0, edge).map((s) => s.rssBytes / mb));
  const endMedianMb = median(kept.slice(-edge).map((s) => s.rssBytes / mb));
  const peakMb = kept.reduce((peak, s) => Math.max(peak, s.rssBytes / mb), 0);
  const pass =
    Number.isFinite(slope) &&
    slope < limits.maxSlopeMbPerMinute &&
    endMedianMb <= startMedianMb * limits.maxEndToStartRatio;
  return { samples: kept.length, slopeMbPerMinute: slope, startMedianMb, endMedianMb, peakMb, pass };
}

export interface HeapSample {
  /** Seconds since the soak began. */
  atSeconds: number;
  /** V8 heap in use, garbage included. */
  usedBytes: number;
}

export interface HeapFloor {
  minutes: number;
  /** Least-squares slope of the per-minute floors, MB per minute. */
  slopeMbPerMinute: number;
  firstFloorMb: number;
  lastFloorMb: number;
}

/**
 * The heap's floor each whole minute after the warm-up: the least heap that minute saw, which is
 * what its collections left (reachable memory plus at most the young generation's garbage). Objects
 * kept alive raise the floors; garbage and memory the allocator holds on to do not. Needs no forced
 * collection, so it does not disturb the run it measures.
 */
export function heapFloors(samples: readonly HeapSample[], warmUpSeconds: number): HeapFloor {
  const floors = new Map<number, number>();
  for (const sample of samples) {
    if (sample.atSeconds < warmUpSeconds) continue;
    const minute = Math.floor((sample.atSeconds - warmUpSeconds) / 60);
    floors.set(minute, Math.min(floors.get(minute) ?? Number.POSITIVE_INFINITY, sample.usedBytes / mb));
  }
  // A minute cut short by the end of the soak saw fewer collections: its floor would sit high.
  const lastSample = samples.reduce((last, s) => Math.max(last, s.atSeconds), 0);
  const wholeMinutes = Math.floor((lastSample - warmUpSeconds + 1) / 60);
  const points = [...floors]
    .filter(([minute]) => minute < wholeMinutes)
    .sort(([a], [b]) => a - b)
    .map(([minute, floorMb]) => ({ x: minute, y: floorMb }));
  return {
    minutes: points.length,
    slopeMbPerMinute: leastSquaresSlope(points),
    firstFloorMb: points[0]?.y ?? Number.NaN,
    lastFloorMb: points.at(-1)?.y ?? Number.NaN,
  };
}
