import { defineConfig, type ViteUserConfig } from 'vitest/config';

/**
 * The vitest settings every package's service-backed tests share: the emulators' global setup, where
 * tests live, and timeouts long enough for a cold emulator on a busy 2-core machine. A package passes
 * only what differs (aliases, env, its own global setup, a longer timeout); a `test` key given here
 * replaces the shared one (arrays are not concatenated, unlike vite's mergeConfig).
 */
export function serviceTestConfig({ test, ...rest }: ViteUserConfig = {}): ViteUserConfig {
  return defineConfig({
    ...rest,
    test: {
      globalSetup: ['@cohorts/test-harness/global-setup'],
      // Deletes the Redis keys of every prefix the file took from `uniqueRedisPrefix`.
      setupFiles: ['@cohorts/test-harness/vitest-setup'],
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: 30_000,
      hookTimeout: 90_000,
      ...test,
    },
  });
}
