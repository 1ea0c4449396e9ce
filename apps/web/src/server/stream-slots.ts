import type { Redis } from 'ioredis';

/**
 * Exact per-user stream slots, shared by every web process: one Redis sorted set per user, one
 * member per open stream, scored with the instant its slot lapses. A stream's heartbeat pushes that
 * instant on; a stream whose process died stops beating, and its member is pruned once it lapses.
 * Time is Redis's own clock (`TIME` inside the script), so every process judges expiry alike.
 */
export interface StreamSlotSettings {
  /** Streams a user may hold open at once. */
  limit: number;
  /** How long a slot outlives its last heartbeat. */
  ttlMs: number;
}

export type Admission = { admitted: true } | { admitted: false; retryAfterMs: number };

/**
 * Prunes lapsed slots, then takes (or, for a member already holding one, renews) the slot: in one
 * script, so two processes admitting at once cannot both take the last slot. Refused: `{0, ms until
 * the earliest slot lapses}`.
 */
const admitScript = `
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local limit = tonumber(ARGV[2])
local ttl = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) and redis.call('ZCARD', KEYS[1]) >= limit then
  local earliest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {0, tonumber(earliest[2]) - now}
end
redis.call('ZADD', KEYS[1], now + ttl, ARGV[1])
redis.call('PEXPIRE', KEYS[1], ttl)
return {1, 0}
`;

/** Slots not yet lapsed (lapsed ones pruned first). */
const countScript = `
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
return redis.call('ZCARD', KEYS[1])
`;

export class StreamSlots {
  constructor(
    private readonly redis: Redis,
    /** `{REDIS_PREFIX}:job-streams`: the user's set is `{keyPrefix}:{userId}`. */
    private readonly keyPrefix: string,
    readonly settings: StreamSlotSettings,
  ) {}

  private key(userId: string): string {
    return `${this.keyPrefix}:${userId}`;
  }

  /** Takes a slot for `slotId`, or renews it when `slotId` holds one (a heartbeat). */
  async admit(userId: string, slotId: string): Promise<Admission> {
    const reply = await this.redis.eval(
      admitScript,
      1,
      this.key(userId),
      slotId,
      this.settings.limit,
      this.settings.ttlMs,
    );
    if (!Array.isArray(reply) || typeof reply[0] !== 'number' || typeof reply[1] !== 'number') {
      throw new Error(`the stream slot script answered ${JSON.stringify(reply)}`);
    }
    return reply[0] === 1 ? { admitted: true } : { admitted: false, retryAfterMs: Math.max(0, reply[1]) };
  }

  async release(userId: string, slotId: string): Promise<void> {
    await this.redis.zrem(this.key(userId), slotId);
  }

  /** The user's open slots. */
  async held(userId: string): Promise<number> {
    const reply = await this.redis.eval(countScript, 1, this.key(userId));
    if (typeof reply !== 'number') throw new Error(`the stream slot count answered ${JSON.stringify(reply)}`);
    return reply;
  }
}
