import type { Redis } from 'ioredis';

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
/** A round trip this short bounds the offset's error to a few ms. */
const QUICK_ROUND_TRIP_MS = 6;
const RETRY_SLOW_MEASURE_MS = 1_000;

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
    else if (Date.now() - this.measuredAt > this.refreshAfterMs()) void this.measure().catch(() => {});
    return Date.now() + (this.offsetMs ?? 0);
  }

  /** The clock without a Redis round trip (after the first `now()`). */
  nowSync(): number {
    return Date.now() + (this.offsetMs ?? 0);
  }

  private refreshAfterMs(): number {
    return this.bestRoundTripMs > QUICK_ROUND_TRIP_MS ? RETRY_SLOW_MEASURE_MS : this.refreshEveryMs;
  }

  private measure(): Promise<void> {
    this.measuring ??= this.sample().finally(() => {
      this.measuring = undefined;
    });
    return this.measuring;
  }

  private async sample(): Promise<void> {
    let best: { rtt: number; offset: number } | undefined;
    for (let i = 0; i < 3; i++) {
      const sent = Date.now();
      const [seconds, micros] = await this.redis.time();
      const received = Date.now();
      const redisMs = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
      const rtt = received - sent;
      if (!best || rtt < best.rtt) best = { rtt, offset: redisMs - (sent + rtt / 2) };
    }
    this.offsetMs = best?.offset ?? 0;
    this.bestRoundTripMs = best?.rtt ?? Number.POSITIVE_INFINITY;
    this.measuredAt = Date.now();
  }
}
