import { afterAll } from 'vitest';
import { deleteHandedOutRedisPrefixes } from './fixtures';

/**
 * Runs in every test file of the packages using `serviceTestConfig`: once the file's own teardown
 * is done (this hook was registered first, so it runs last), the keys under every Redis prefix the
 * file took from `uniqueRedisPrefix` are deleted.
 */
afterAll(async () => {
  await deleteHandedOutRedisPrefixes();
});
