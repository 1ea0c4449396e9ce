import { assertRedisAnswers } from '@cohorts/test-harness';

/** The providers' tests need a real Redis (the limiter) and start their own sandbox per file. */
export default async function setup(): Promise<void> {
  process.env.REDIS_URL ??= 'redis://127.0.0.1:6379';
  await assertRedisAnswers(process.env.REDIS_URL);
}
