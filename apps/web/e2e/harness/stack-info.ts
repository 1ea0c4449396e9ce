import { z } from 'zod';
import type { StackInfo } from './stack';

const StackInfoSchema = z.object({
  baseUrl: z.url(),
  sandboxUrl: z.url(),
  pinnedNow: z.iso.datetime(),
  projectId: z.string(),
  redisPrefix: z.string(),
});

const variable = 'COHORTS_E2E_STACK';

/** Global setup → test workers: Playwright passes process.env set in global setup to its workers. */
export function publishStack(info: StackInfo): void {
  const { baseUrl, sandboxUrl, pinnedNow, projectId, redisPrefix } = info;
  process.env[variable] = JSON.stringify({ baseUrl, sandboxUrl, pinnedNow, projectId, redisPrefix });
}

/** The running stack, in a test. */
export function stackInfo(): StackInfo {
  const raw = process.env[variable];
  if (!raw) throw new Error(`${variable} is not set: run the e2e tests with their global setup (pnpm e2e)`);
  return StackInfoSchema.parse(JSON.parse(raw));
}
