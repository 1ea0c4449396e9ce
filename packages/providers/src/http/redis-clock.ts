import type { Redis } from 'ioredis';

/** A round trip this short bounds the offset's error to a few ms. */
const QUICK_ROUND_TRIP_MS = 6;
const RETRY_SLOW_MEASURE_MS = 1_000;

/** One `TIME` round trip: local send and receive instants and the server's reading, all epoch ms. */
export interface ClockSample {
  sentMs: number;
  receivedMs: number;
  redisMs: number;
}

/**
 * The offset to Redis's clock from the quickest round trip (the least room for error), taking the
 * server's reading as made halfway through it.
 */
export function offsetFromSamples(samples: readonly ClockSample[]): {
  offsetMs: number;
  roundTripMs: number;
} {
  let best: { offsetMs: number; roundTripMs: number } | undefined;
  for (const { sentMs, receivedMs, redisMs } of samples) {
    const roundTripMs = receivedMs - sentMs;
    if (!best || roundTripMs < best.roundTripMs)
      best = { offsetMs: redisMs - (sentMs + roundTripMs / 2), roundTripMs };
  }
  return best ?? { offsetMs: 0, roundTripMs: Number.POSITIVE_INFINITY };
}

/** How long a measured offset is kept: a slow measurement is retried soon, a quick one kept long. */
export function offsetLifetimeMs(bestRoundTripMs: number, refreshEveryMs: number): number {
  return bestRoundTripMs > QUICK_ROUND_TRIP_MS ? RETRY_SLOW_MEASURE_MS : refreshEveryMs;
}

/**
 * Redis's clock as seen from this process. Every process, on every machine, computes the same slot
 * grid only if they agree on the time: the offset to the Redis server's clock is measured (best of a
 * few round trips, half the round trip as the one-way estimate) and refreshed now and then. The
 * estimate is off by up to half the best round trip, and two processes that are off in opposite
 * directions send their slots that much closer together: a process that measured while its event
 * loop was busy (a worker starting under load sees 20-100 ms round trips) measures again a second
 * later, until a round trip is quick.
 * It is deliberately not the product's `Clock` (which tests pin): the limiter paces real requests
 * against the platforms' real per-second budgets, so it needs real elapsed time.
 */
export class RedisClock {
  private offsetMs: number | undefined;
  private measuredAt = 0;
  private bestRoundTripMs = Number.POSITIVE_INFINITY;
  private measuring: Promise<void> | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly refreshEveryMs = 60_000,
  ) {}

  /** Milliseconds since the epoch on the Redis server's clock. */
  async now(): Promise<number> {
    if (this.offsetMs === undefined) await this.measure();
    else if (Date.now() - this.measuredAt > offsetLifetimeMs(this.bestRoundTripMs, this.refreshEveryMs))
      void this.measure().catch(() => {});
    return Date.now() + (this.offsetMs ?? 0);
  }

  /** The clock without a Redis round trip (after the first `now()`). */
  nowSync(): number {
    return Date.now() + (this.offsetMs ?? 0);
  }

  private measure(): Promise<void> {
    this.measuring ??= this.sample().finally(() => {
      this.measuring = undefined;
    });
    return this.measuring;
  }

  private async sample(): Promise<void> {
    const samples: ClockSample[] = [];
    for (let i = 0; i < 3; i++) {
      const sentMs = Date.now();
      const [seconds, micros] = await this.redis.time();
      const receivedMs = Date.now();
      samples.push({
        sentMs,
        receivedMs,
        redisMs: Number(seconds) * 1000 + Math.floor(Number(micros) / 1000),
      });
    }
    const { offsetMs, roundTripMs } = offsetFromSamples(samples);
    this.offsetMs = offsetMs;
    this.bestRoundTripMs = roundTripMs;
    this.measuredAt = Date.now();
  }
}
