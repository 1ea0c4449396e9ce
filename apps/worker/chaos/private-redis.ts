// The chaos run's redis-server lives in @cohorts/test-harness, shared with the tests that wipe Redis.
export { startPrivateRedis } from '@cohorts/test-harness';
