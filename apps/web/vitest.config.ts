import { fileURLToPath } from 'node:url';
import { serviceTestConfig } from '@cohorts/test-harness/vitest-config';

export default serviceTestConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
      // `server-only` throws outside a React Server environment; tests call server code directly.
      'server-only': fileURLToPath(new URL('./test/server-only-stub.ts', import.meta.url)),
    },
  },
  test: {
    env: {
      TOKEN_ENCRYPTION_KEYS: `test:${Buffer.alloc(32, 3).toString('base64')}`,
      OAUTH_STATE_SECRET: 'test-oauth-state-secret-0123456789abcdef',
      INTEGRATIONS_CRON_SECRET: 'test-cron-secret-0123456789',
    },
  },
});
