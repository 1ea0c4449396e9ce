/**
 * A stand-in for another web process holding live job streams: takes `count` of a user's stream
 * slots, prints `held <count>`, then renews them every third of the TTL (printing `renewed`) until
 * it is killed. `node --import tsx hold-stream-slots.ts <redisUrl> <keyPrefix> <userId> <count> <limit> <ttlMs>`
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { StreamSlots } from '../../src/server/stream-slots';

const [redisUrl, keyPrefix, userId, count, limit, ttlMs] = process.argv.slice(2);
if (!redisUrl || !keyPrefix || !userId || !count || !limit || !ttlMs) {
  console.error('usage: hold-stream-slots.ts <redisUrl> <keyPrefix> <userId> <count> <limit> <ttlMs>');
  process.exit(2);
}
const slots = new StreamSlots(new Redis(redisUrl), keyPrefix, { limit: Number(limit), ttlMs: Number(ttlMs) });
const held = Array.from({ length: Number(count) }, () => randomUUID());
for (const slotId of held) {
  const admission = await slots.admit(userId, slotId);
  if (!admission.admitted) {
    console.error(`slot refused: retry in ${admission.retryAfterMs} ms`);
    process.exit(1);
  }
}
console.log(`held ${held.length}`);
setInterval(async () => {
  for (const slotId of held) await slots.admit(userId, slotId);
  console.log('renewed');
}, Number(ttlMs) / 3);
