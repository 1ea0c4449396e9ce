import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['@cohorts/test-harness/global-setup'],
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 90_000,
  },
});
