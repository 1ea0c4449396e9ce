import { serviceTestConfig } from '@cohorts/test-harness/vitest-config';

// soak/: the load soak's pure parts (RSS growth) are tested beside it.
export default serviceTestConfig({
  test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'soak/**/*.test.ts'] },
});
