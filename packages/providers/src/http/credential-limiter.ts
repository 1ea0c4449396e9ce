import type { Redis } from 'ioredis';
import { LimiterScripts } from './limiter-scripts';
import { RedisClock } from './redis-clock';
import { sleep } from './sleep';
import { type SlotGrid, slotGrid, slotTime } from './slot-grid';

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
/**
 * A booked slot is sent only if Redis was seen holding this limiter's epoch at most this long
 * before the slot (at booking, or by a check just before the slot). See `CredentialRateLimiter`.
 */
const CONFIRM_LEAD_MS = 100;
/** The credential's next-free counter outlives its last booked slot by this much. */
const KEEP_NEXT_FREE_MS = 2_000;
const READY_TIMEOUT_MS = 5_000;

/**
 * The per-credential limit, held across every process and machine: 10 requests/s by default, sent
 * on an evenly spaced, clock-aligned grid (see `slot-grid.ts`) so no calendar or sliding second
 * sees more than 10.
 *
 * One Lua script per acquire (`limiter-scripts.ts`) reports the credential's pause, or takes the
 * credential's next free slot (its counter moves past it) and returns it with Redis's time, or
 * refuses without booking when that slot is beyond the caller's deadline. The caller then waits
 * in-process until the slot's time.
 *
 * Bookings live in Redis, and a FLUSHALL or a restart without persistence drops them while
 * processes still wait for their slots: another process would then be handed the same slots. So
 * every booking carries the epoch it was made in, and the first booking in an empty keyspace starts
 * a new epoch with a fence: nobody in the new epoch gets a slot before `now + CONFIRM_LEAD_MS`
 * (rounded up to the next slot). A holder sends its slot only if Redis showed it the same epoch at
 * most CONFIRM_LEAD_MS before that slot (the booking itself when the slot is that close, else a
 * check just before it); when the epoch changed it books again. Any slot sent from an old epoch
 * therefore lies before the fence, and the new epoch's slots after it. (Fencing the whole booking
 * horizon instead, up to `maxWaitMs` ahead, would stall every credential for 15 s after each wipe
 * and on every new prefix, with no way to tell the two apart.)
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
  private readonly scripts: LimiterScripts;
  private readonly clock: RedisClock;
  private readonly maxWaitMs: number;
  private connecting: Promise<void> | undefined;

  constructor(private readonly options: CredentialLimiterOptions) {
    this.grid = slotGrid({
      requestsPerSecond: options.requestsPerSecond ?? 10,
      windowSeconds: options.windowSeconds ?? 2,
      margin: options.margin ?? 0.05,
    });
    this.maxWaitMs = options.maxWaitMs ?? 15_000;
    this.scripts = new LimiterScripts(options.redis, options.keyPrefix ?? 'provider-rate');
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
      const booking = await this.store(() =>
        this.scripts.book(
          credentialId,
          {
            spacingMs: this.grid.spacingMs,
            lateToleranceMs: LATE_TOLERANCE_MS,
            fenceLeadMs: CONFIRM_LEAD_MS,
            keepMs: KEEP_NEXT_FREE_MS,
          },
          deadline,
        ),
      );
      if (booking.kind === 'paused') {
        if (booking.now + booking.pausedMs > deadline) throw new CredentialBusyError(booking.pausedMs);
        await sleep(booking.pausedMs, signal);
        continue;
      }
      if (booking.kind === 'refused') throw new CredentialBusyError(booking.retryAfterMs);
      const sendAt = slotTime(this.grid, booking.slot);
      if (!(await this.confirmBefore(credentialId, sendAt, booking.now, booking.epoch, signal))) continue;
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
    await this.store(() => this.scripts.pause(credentialId, ms));
  }

  async pausedForMs(credentialId: string): Promise<number> {
    return this.store(() => this.scripts.pausedForMs(credentialId));
  }

  /**
   * Waits until CONFIRM_LEAD_MS before `sendAt` and checks the booking still stands (see the class
   * comment). False when it does not: Redis was wiped since, or a platform hint paused the
   * credential; the caller books again.
   */
  private async confirmBefore(
    credentialId: string,
    sendAt: number,
    seenAt: number,
    epoch: string,
    signal?: AbortSignal,
  ): Promise<boolean> {
    let proofAt = seenAt;
    while (sendAt > proofAt + CONFIRM_LEAD_MS) {
      await sleep(Math.ceil(sendAt - CONFIRM_LEAD_MS - this.clock.nowSync()) + 1, signal);
      const check = await this.store(() => this.scripts.confirm(credentialId, epoch));
      if (!check.sameEpoch || check.pausedMs > 0) return false;
      proofAt = check.now;
    }
    return true;
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

  /**
   * With the offline queue off, commands sent while connecting fail; wait for the connection. Every
   * caller waiting at once shares one wait (one listener pair on the client, not one per caller).
   */
  private async ready(): Promise<void> {
    const { redis } = this.options;
    if (redis.status === 'ready') return;
    if (redis.status === 'end') throw new LimiterUnavailableError('the Redis connection is closed');
    this.connecting ??= this.waitForConnection().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private waitForConnection(): Promise<void> {
    const { redis } = this.options;
    if (redis.status === 'wait') redis.connect().catch(() => {});
    return new Promise<void>((resolve, reject) => {
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
