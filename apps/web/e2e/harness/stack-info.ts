import { z } from 'zod';
import type { StackInfo } from './stack';

const StackInfoSchema = z.object({
  baseUrl: z.url(),
  sandboxUrl: z.url(),
  pinnedNow: z.iso.datetime(),
  projectId: z.string(),
  redisPrefix: z.string(),
  authEmulatorHost: z.string(),
  firestoreEmulatorHost: z.string(),
});

const variable = 'COHORTS_E2E_STACK';

/** Global setup → test workers: Playwright passes process.env set in global setup to its workers. */
export function publishStack(info: StackInfo): void {
  // Parsing keeps the schema's fields only (a running stack also carries its `stop`).
  process.env[variable] = JSON.stringify(StackInfoSchema.parse(info));
  // firebase-admin and the test harness's fixtures in the test workers find the run's emulators.
  process.env.FIREBASE_AUTH_EMULATOR_HOST = info.authEmulatorHost;
  process.env.FIRESTORE_EMULATOR_HOST = info.firestoreEmulatorHost;
  process.env.FIREBASE_PROJECT_ID = info.projectId;
}

/** The running stack, in a test. */
export function stackInfo(): StackInfo {
  const raw = process.env[variable];
  if (!raw) throw new Error(`${variable} is not set: run the e2e tests with their global setup (pnpm e2e)`);
  return StackInfoSchema.parse(JSON.parse(raw));
}
