import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    // No module keeps state between files (each test file starts its own sandbox), so workers are reused.
    isolate: false,
  },
});
