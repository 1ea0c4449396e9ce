import { serviceTestConfig } from '@cohorts/test-harness/vitest-config';

// Providers' tests need Redis only (their own global setup checks it), and the limiter tests run long.
export default serviceTestConfig({
  test: { globalSetup: ['./test/global-setup.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
});
