import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { RedisClock } from './redis-clock';
import { sleep } from './sleep';
import { firstUsableSlot, type SlotGrid, slotGrid, slotTime } from './slot-grid';

export interface CredentialLimiterOptions {
  /**
   * Its own ioredis client, created with `enableOfflineQueue: false` so a Redis outage fails fast
   * instead of queueing commands (see `createLimiterRedis`). Not a BullMQ connection.
   */
  redis: Redis;
  keyPrefix?: string;
  /** The platform's budget per credential. */
  requestsPerSecond?: number;
  /** The grid holds `requestsPerSecond x windowSeconds x (1 - margin)` sends per window (whole seconds). */
  windowSeconds?: number;
  /** Share of the budget left unused as a cushion for network jitter. */
  margin?: number;
  /** How long `acquire` may wait in-process before it gives up with `CredentialBusyError`. */
  maxWaitMs?: number;
}

/** The credential's schedule is full (or paused by a platform hint) for longer than the caller waits. */
export class CredentialBusyError extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`the credential's request budget is taken for the next ${Math.ceil(retryAfterMs / 1000)} s`);
    this.name = 'CredentialBusyError';
  }
}

/** Redis failed (not a limit): the limiter fails closed, so no process sends unmetered requests. */
export class LimiterUnavailableError extends Error {
  constructor(reason: string) {
    super(`the request rate limiter is unavailable: ${reason}`);
    this.name = 'LimiterUnavailableError';
  }
}

/** A slot taken this late still goes out: later would squeeze the gap to the next send. */
const LATE_TOLERANCE_MS = 5;
/**
 * A send this far behind its slot is dropped rather than made: the grid leaves ~50 ms of slack
 * (10 x 105.3 ms > 1000 ms), shared between this lateness and the network's jitter.
 */
const MAX_LATENESS_MS = 25;
const READY_TIMEOUT_MS = 5_000;
const MAX_HINTS = 1_000;

/**
 * The per-credential limit, held across every process and machine: 10 requests/s by default, sent
 * on an evenly spaced, clock-aligned grid (see `slot-grid.ts`) so no calendar or sliding second
 * sees more than 10.
 *
 * Each grid slot is one `RateLimiterRedis` key with one point (`{prefix}:slots:{credential}:{slot}`):
 * an atomic INCRBY with expiry, so exactly one caller anywhere gets `consumedPoints === 1` for a slot;
 * it then waits in-process until the slot's time. Callers probe from the first usable slot upwards
 * (starting after the last slot this process won, so usually only other processes' slots are
 * probed). Platform hints (Retry-After, Meta's usage headers) pause the credential everywhere
 * through a second key.
 */
/**
 * The limiter's Redis key prefix under the app's REDIS_PREFIX. Every process that calls a platform
 * (workers, the web app while linking) must use the same one, or their calls count against
 * separate budgets.
 */
export function limiterKeyPrefix(redisPrefix: string): string {
  return `${redisPrefix}:provider-rate`;
}

export class CredentialRateLimiter {
  readonly grid: SlotGrid;
  private readonly slots: RateLimiterRedis;
  private readonly pauses: RateLimiterRedis;
  private readonly clock: RedisClock;
  private readonly maxWaitMs: number;
  /** Per credential: the slot after the last one this process won. */
  private readonly nextSlotHint = new Map<string, number>();

  constructor(private readonly options: CredentialLimiterOptions) {
    const prefix = options.keyPrefix ?? 'provider-rate';
    this.grid = slotGrid({
      requestsPerSecond: options.requestsPerSecond ?? 10,
      windowSeconds: options.windowSeconds ?? 2,
      margin: options.margin ?? 0.05,
    });
    this.maxWaitMs = options.maxWaitMs ?? 15_000;
    this.slots = new RateLimiterRedis({
      storeClient: options.redis,
      keyPrefix: `${prefix}:slots`,
      points: 1,
      // Whole seconds (a sub-second duration never expires); a slot key must outlive its slot.
      duration: Math.ceil(this.maxWaitMs / 1000) + 2,
    });
    this.pauses = new RateLimiterRedis({
      storeClient: options.redis,
      keyPrefix: `${prefix}:pause`,
      points: 1,
      duration: 1,
    });
    this.clock = new RedisClock(options.redis);
  }

  /**
   * Resolves at this caller's send time. Rejects with `CredentialBusyError` when that is further
   * than `maxWaitMs` away, `LimiterUnavailableError` when Redis fails, or the signal's reason.
   */
  async acquire(credentialId: string, signal?: AbortSignal): Promise<void> {
    await this.ready();
    const deadline = (await this.now()) + this.maxWaitMs;
    for (;;) {
      signal?.throwIfAborted();
      const pausedMs = await this.pausedForMs(credentialId);
      const now = await this.now();
      if (pausedMs > 0) {
        if (now + pausedMs > deadline) throw new CredentialBusyError(pausedMs);
        await sleep(pausedMs, signal);
        continue;
      }
      const usable = firstUsableSlot(this.grid, now, LATE_TOLERANCE_MS);
      this.forgetPastHints(usable);
      let slot = Math.max(usable, this.nextSlotHint.get(credentialId) ?? usable);
      for (;;) {
        const sendAt = slotTime(this.grid, slot);
        if (sendAt > deadline) throw new CredentialBusyError(sendAt - now);
        if (await this.take(credentialId, slot)) break;
        slot++;
      }
      this.nextSlotHint.set(credentialId, Math.max(slot + 1, this.nextSlotHint.get(credentialId) ?? 0));
      const sendAt = slotTime(this.grid, slot);
      // +1: Node may fire a timer up to 1 ms early, and early is what must never happen.
      await sleep(Math.ceil(sendAt - this.clock.nowSync()) + 1, signal);
      // A starved event loop wakes late and would send several slots at once: a missed slot is
      // given up (its budget goes unused) and a new one taken, so sends never bunch.
      if (this.clock.nowSync() - sendAt <= MAX_LATENESS_MS) return;
    }
  }

  /**
   * Stops every process from sending for this credential for `ms` (a platform's own hint). Never
   * shortens a longer pause already in place.
   */
  async pause(credentialId: string, ms: number): Promise<void> {
    if (ms <= 0) return;
    if ((await this.pausedForMs(credentialId)) >= ms) return;
    await this.store(() => this.pauses.block(credentialId, Math.ceil(ms / 1000)));
  }

  async pausedForMs(credentialId: string): Promise<number> {
    const res = await this.store(() => this.pauses.get(credentialId));
    return res && res.consumedPoints > this.pauses.points ? res.msBeforeNext : 0;
  }

  /** Keeps the hints of a long-running process from growing with every credential it ever served. */
  private forgetPastHints(usable: number): void {
    if (this.nextSlotHint.size < MAX_HINTS) return;
    for (const [credentialId, hint] of this.nextSlotHint) {
      if (hint <= usable) this.nextSlotHint.delete(credentialId);
    }
  }

  /** True when this call won `slot` (the first point on its key), false when another caller has it. */
  private async take(credentialId: string, slot: number): Promise<boolean> {
    try {
      await this.slots.consume(`${credentialId}:${slot}`, 1);
      return true;
    } catch (error) {
      if (error instanceof RateLimiterRes) return false;
      throw new LimiterUnavailableError(error instanceof Error ? error.message : 'unknown store error');
    }
  }

  private async now(): Promise<number> {
    return this.store(() => this.clock.now());
  }

  private async store<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (error instanceof LimiterUnavailableError) throw error;
      throw new LimiterUnavailableError(error instanceof Error ? error.message : 'unknown store error');
    }
  }

  /** With the offline queue off, commands sent while connecting fail; wait for the first connect. */
  private async ready(): Promise<void> {
    const { redis } = this.options;
    if (redis.status === 'ready') return;
    if (redis.status === 'end') throw new LimiterUnavailableError('the Redis connection is closed');
    if (redis.status === 'wait') redis.connect().catch(() => {});
    await new Promise<void>((resolve, reject) => {
      const fail = (reason: string) => {
        cleanup();
        reject(new LimiterUnavailableError(reason));
      };
      const timer = setTimeout(() => fail(`Redis is not ready (${redis.status})`), READY_TIMEOUT_MS);
      const onReady = () => {
        cleanup();
        resolve();
      };
      const onEnd = () => fail('the Redis connection is closed');
      const cleanup = () => {
        clearTimeout(timer);
        redis.off('ready', onReady);
        redis.off('end', onEnd);
      };
      redis.on('ready', onReady);
      redis.on('end', onEnd);
      if (redis.status === 'ready') onReady();
    });
  }
}
