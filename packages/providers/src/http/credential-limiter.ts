import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { RedisClock } from './redis-clock';
import { sleep } from './sleep';
import { firstUsableSlot, type SlotGrid, slotGrid, slotTime, windowAt, windowStart } from './slot-grid';

export interface CredentialLimiterOptions {
  /**
   * Its own ioredis client, created with `enableOfflineQueue: false` so a Redis outage fails fast
   * instead of queueing commands (see `createLimiterRedis`). Not a BullMQ connection.
   */
  redis: Redis;
  keyPrefix?: string;
  /** The platform's budget per credential. */
  requestsPerSecond?: number;
  /** Whole seconds (rate-limiter-flexible's unit). */
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
/** Future windows a caller may reserve in, so waiting callers queue instead of stampeding. */
const LOOKAHEAD_WINDOWS = 2;
const READY_TIMEOUT_MS = 5_000;

/**
 * The per-credential limit, held across every process and machine: 10 requests/s by default, sent
 * on an evenly spaced grid (see `slot-grid.ts`) so no calendar or sliding second sees more than 10.
 *
 * Each window's slots are counted by one `RateLimiterRedis` key (`{prefix}:{credentialId}:{window}`,
 * an atomic INCRBY with expiry): the count a caller gets is its slot, and it waits in-process until
 * that slot's time. Slots already gone are skipped by consuming them in one step. Platform hints
 * (Retry-After, Meta's usage headers) pause the credential everywhere through a second key.
 */
export class CredentialRateLimiter {
  readonly grid: SlotGrid;
  private readonly slots: RateLimiterRedis;
  private readonly pauses: RateLimiterRedis;
  private readonly clock: RedisClock;
  private readonly maxWaitMs: number;

  constructor(private readonly options: CredentialLimiterOptions) {
    const prefix = options.keyPrefix ?? 'provider-rate';
    const windowSeconds = options.windowSeconds ?? 2;
    this.grid = slotGrid({
      requestsPerSecond: options.requestsPerSecond ?? 10,
      windowSeconds,
      margin: options.margin ?? 0.05,
    });
    this.maxWaitMs = options.maxWaitMs ?? 15_000;
    this.slots = new RateLimiterRedis({
      storeClient: options.redis,
      keyPrefix: `${prefix}:slots`,
      points: this.grid.slots,
      // The key is unique to its window; the duration only has to outlive the furthest reservation.
      duration: windowSeconds * (LOOKAHEAD_WINDOWS + 2),
    });
    this.pauses = new RateLimiterRedis({
      storeClient: options.redis,
      keyPrefix: `${prefix}:pause`,
      points: 1,
      duration: 1,
    });
    this.clock = new RedisClock(options.redis);
  }

  /** Requests per second the grid allows at most (the achievable ceiling). */
  get ceilingPerSecond(): number {
    return 1000 / this.grid.spacingMs;
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
      let now = await this.now();
      if (pausedMs > 0) {
        if (now + pausedMs > deadline) throw new CredentialBusyError(pausedMs);
        await sleep(pausedMs, signal);
        continue;
      }
      const firstWindow = windowAt(this.grid, now);
      for (let window = firstWindow; window <= firstWindow + LOOKAHEAD_WINDOWS; window++) {
        const slot = await this.reserve(credentialId, window, now);
        if (slot === undefined) continue;
        const sendAt = slotTime(this.grid, window, slot);
        if (sendAt > deadline) throw new CredentialBusyError(sendAt - now);
        // +1: Node may fire a timer up to 1 ms early, and early is what must never happen.
        await sleep(Math.ceil(sendAt - this.clock.nowSync()) + 1, signal);
        return;
      }
      now = await this.now();
      const nextWindow = windowStart(this.grid, firstWindow + 1);
      if (nextWindow > deadline) throw new CredentialBusyError(nextWindow - now);
      await sleep(nextWindow - now, signal);
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

  /** This caller's slot in `window`, or undefined when the window has none left. */
  private async reserve(credentialId: string, window: number, now: number): Promise<number | undefined> {
    const key = `${credentialId}:${window}`;
    const usable = firstUsableSlot(this.grid, window, now, LATE_TOLERANCE_MS);
    if (usable >= this.grid.slots) return undefined;
    let taken = await this.consume(key, 1);
    if (taken === undefined) return undefined;
    if (taken - 1 < usable) {
      // Our slot is already gone: take the ones up to the first usable slot in one step.
      taken = await this.consume(key, usable - (taken - 1));
      if (taken === undefined) return undefined;
    }
    return taken - 1;
  }

  /** The window's consumed count after taking `points`, or undefined when that overran the window. */
  private async consume(key: string, points: number): Promise<number | undefined> {
    try {
      const res = await this.slots.consume(key, points);
      return res.consumedPoints;
    } catch (error) {
      if (error instanceof RateLimiterRes) return undefined;
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
