import { serviceTestConfig } from '@cohorts/test-harness/vitest-config';

export default serviceTestConfig();
