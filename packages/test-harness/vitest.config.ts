import { serviceTestConfig } from './src/vitest-config';

// The harness tests its own global setup, so it points at the source file rather than the package export.
export default serviceTestConfig({
  test: { globalSetup: ['./src/global-setup.ts'], include: ['test/**/*.test.ts'] },
});
