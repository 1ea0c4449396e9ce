import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
      // `server-only` throws outside a React Server environment; tests call server code directly.
      'server-only': fileURLToPath(new URL('./test/server-only-stub.ts', import.meta.url)),
    },
  },
  test: {
    globalSetup: ['@cohorts/test-harness/global-setup'],
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    env: {
      TOKEN_ENCRYPTION_KEYS: `test:${Buffer.alloc(32, 3).toString('base64')}`,
      OAUTH_STATE_SECRET: 'test-oauth-state-secret-0123456789abcdef',
      INTEGRATIONS_CRON_SECRET: 'test-cron-secret-0123456789',
    },
    testTimeout: 30_000,
    hookTimeout: 90_000,
  },
});
