import { randomUUID } from 'node:crypto';
import type { Redis, Result } from 'ioredis';
import { z } from 'zod';

/**
 * The limiter's Redis side: one Lua script per step, so each step is one atomic round trip.
 * Times are the Redis server's (`TIME`), the clock every process's grid is computed from.
 *
 * Keys under the limiter's prefix:
 * - `{prefix}:epoch` (hash: `id`, `fence`): created by the first booking after the keyspace was
 *   empty (a fresh prefix, a FLUSHALL, or a restart without persistence). Its `id` is returned with
 *   every booking; a holder that finds it changed knows its booking is void.
 * - `{prefix}:next:{credential}`: the credential's next free slot, expiring after that slot.
 * - `{prefix}:pause:{credential}`: present while a platform hint pauses the credential.
 */

/**
 * KEYS: epoch, next, pause. ARGV: spacingMs, lateToleranceMs, deadline (Redis ms), fenceLeadMs,
 * a fresh epoch id, keepMs.
 * Returns {0, pausedMs, now, epoch} | {1, msUntilFreeSlot, now, epoch} (refused: booked nothing)
 * | {2, slot, now, epoch}.
 */
const BOOK_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local spacing = tonumber(ARGV[1])
local epoch = redis.call('HMGET', KEYS[1], 'id', 'fence')
local id = epoch[1]
local fence = tonumber(epoch[2])
if not id or not fence then
  id = ARGV[5]
  fence = math.floor((now + tonumber(ARGV[4])) / spacing) + 1
  redis.call('HSET', KEYS[1], 'id', id, 'fence', fence)
end
local paused = redis.call('PTTL', KEYS[3])
if paused > 0 then return {0, paused, now, id} end
local slot = math.ceil((now - tonumber(ARGV[2])) / spacing)
if fence > slot then slot = fence end
local nextFree = tonumber(redis.call('GET', KEYS[2]))
if nextFree and nextFree > slot then slot = nextFree end
local sendAt = slot * spacing
if sendAt > tonumber(ARGV[3]) then return {1, math.ceil(sendAt - now), now, id} end
redis.call('SET', KEYS[2], slot + 1, 'PX', math.ceil(sendAt - now) + tonumber(ARGV[6]))
return {2, slot, now, id}
`;

/** KEYS: epoch, pause. ARGV: the epoch id of the booking. Returns {sameEpoch 0|1, pausedMs, now}. */
const CONFIRM_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local same = 0
if redis.call('HGET', KEYS[1], 'id') == ARGV[1] then same = 1 end
local paused = redis.call('PTTL', KEYS[2])
if paused < 0 then paused = 0 end
return {same, paused, now}
`;

/** KEYS: pause. ARGV: ms. Pauses for ms unless a longer pause is already in place (never shortens). */
const PAUSE_CREDENTIAL = `
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
end
return 1
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    limiterBookSlot(...args: Array<string | number>): Result<unknown, Context>;
    limiterConfirmSlot(...args: Array<string | number>): Result<unknown, Context>;
    limiterPauseCredential(...args: Array<string | number>): Result<unknown, Context>;
  }
}

const BookReply = z.tuple([z.number().int(), z.number(), z.number(), z.string()]);
const ConfirmReply = z.tuple([z.number().int(), z.number(), z.number()]);

export type Booking =
  | { kind: 'paused'; pausedMs: number; now: number }
  | { kind: 'refused'; retryAfterMs: number; now: number }
  | { kind: 'booked'; slot: number; now: number; epoch: string };

export interface SlotCheck {
  /** False when the keyspace was wiped since the booking: its slot may be someone else's now. */
  sameEpoch: boolean;
  pausedMs: number;
  now: number;
}

export class LimiterScripts {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    // defineCommand sends EVALSHA and falls back to EVAL when the server lost the script (a restart).
    redis.defineCommand('limiterBookSlot', { numberOfKeys: 3, lua: BOOK_SLOT });
    redis.defineCommand('limiterConfirmSlot', { numberOfKeys: 2, lua: CONFIRM_SLOT });
    redis.defineCommand('limiterPauseCredential', { numberOfKeys: 1, lua: PAUSE_CREDENTIAL });
  }

  async book(
    credentialId: string,
    grid: { spacingMs: number; lateToleranceMs: number; fenceLeadMs: number; keepMs: number },
    deadline: number,
  ): Promise<Booking> {
    const reply = BookReply.parse(
      await this.redis.limiterBookSlot(
        this.epochKey(),
        this.nextKey(credentialId),
        this.pauseKey(credentialId),
        String(grid.spacingMs),
        grid.lateToleranceMs,
        Math.floor(deadline),
        grid.fenceLeadMs,
        randomUUID(),
        grid.keepMs,
      ),
    );
    const [kind, value, now, epoch] = reply;
    if (kind === 0) return { kind: 'paused', pausedMs: value, now };
    if (kind === 1) return { kind: 'refused', retryAfterMs: value, now };
    return { kind: 'booked', slot: value, now, epoch };
  }

  async confirm(credentialId: string, epoch: string): Promise<SlotCheck> {
    const [same, pausedMs, now] = ConfirmReply.parse(
      await this.redis.limiterConfirmSlot(this.epochKey(), this.pauseKey(credentialId), epoch),
    );
    return { sameEpoch: same === 1, pausedMs, now };
  }

  async pause(credentialId: string, ms: number): Promise<void> {
    await this.redis.limiterPauseCredential(this.pauseKey(credentialId), Math.ceil(ms));
  }

  async pausedForMs(credentialId: string): Promise<number> {
    return Math.max(0, await this.redis.pttl(this.pauseKey(credentialId)));
  }

  private epochKey(): string {
    return `${this.prefix}:epoch`;
  }

  private nextKey(credentialId: string): string {
    return `${this.prefix}:next:${credentialId}`;
  }

  private pauseKey(credentialId: string): string {
    return `${this.prefix}:pause:${credentialId}`;
  }
}
