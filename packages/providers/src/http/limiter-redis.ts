import { Redis } from 'ioredis';

/**
 * The limiter's own Redis client: no offline queue (a Redis outage fails the acquire at once rather
 * than piling commands up) and one retry per command. Never share it with BullMQ, whose blocking
 * commands would stall the limiter.
 */
export function createLimiterRedis(url: string): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectionName: 'provider-limiter',
  });
}
