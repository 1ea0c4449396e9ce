import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firestoreFor } from '@cohorts/core';
import { type Clock, clockStartingAt } from '@cohorts/core/clock';
import { sandboxOAuthEnv, testEncryptionKeys } from '@cohorts/sync/testing';
import { testProjectId } from '@cohorts/test-harness';
import { type ProductStack, startProductStack, type WebMode } from '@cohorts/test-harness/product-stack';
import type { Firestore } from 'firebase-admin/firestore';

export type { WebMode };

export interface SoakStackOptions {
  web: WebMode;
  /** With `web: 'start'`: build first (false reuses the last `.next-soak` build). */
  build: boolean;
  /** Where every process's calendar starts (the sandbox's data is dated around it). */
  clockStartAt: string;
  workerConcurrency: number;
  /** The alert monitor's webhook (a receiver in the soak process). */
  alertWebhookUrl: string;
  /** Intervals of the reconciler and alert monitor in the operations replica. */
  reconcilerIntervalMs: number;
  alertCheckIntervalMs: number;
}

export interface SoakStack extends ProductStack {
  db: Firestore;
  /** This process's clock: at `clockStartAt` before the others started, running at real speed. */
  clock: Clock;
}

/**
 * Everything the soak runs against (the product stack of the test harness): its own emulators, the
 * sandbox in this process, a Redis prefix of its own, the web app (its own build folder, `.next-soak`)
 * and two worker processes, each with an inspector. The first worker also runs the operations
 * (reconciler, alert monitor, scheduler tick); the soak's own scheduler rounds move time.
 */
export async function startSoakStack(options: SoakStackOptions): Promise<SoakStack> {
  const logDir = await mkdtemp(join(tmpdir(), 'cohorts-soak-'));
  const rawPayloadDir = join(logDir, 'raw-payloads');
  // Made before any process starts: every other clock (sandbox, workers, web) starts later at the same
  // instant, so this one is never behind theirs and a round's offset is never eaten by the gap.
  const clock = clockStartingAt(options.clockStartAt);
  const stack = await startProductStack({
    name: 'soak',
    logDir,
    webMode: options.web,
    build: options.build,
    nextDistDir: '.next-soak',
    inspect: true,
    sandboxClockStartAt: options.clockStartAt,
    productEnv: (webUrl) => ({
      ...sandboxOAuthEnv(webUrl),
      TOKEN_ENCRYPTION_KEYS: testEncryptionKeys(),
      CLOCK_START_AT: options.clockStartAt,
      RAW_PAYLOAD_DIR: rawPayloadDir,
    }),
    workerEnv: {
      LOG_LEVEL: 'warn',
      WORKER_CONCURRENCY: String(options.workerConcurrency),
      // The soak's scheduler rounds run the fan-out on an offset clock; this hourly tick is the real one.
      SCHEDULER_TICK_MS: '3600000',
      RECONCILER_INTERVAL_MS: String(options.reconcilerIntervalMs),
      ALERT_CHECK_INTERVAL_MS: String(options.alertCheckIntervalMs),
      SCHEDULER_ALERT_WEBHOOK_URL: options.alertWebhookUrl,
    },
    workers: [
      { name: 'worker-1', env: { WORKER_ROLES: 'sync,operations' } },
      { name: 'worker-2', env: { WORKER_ROLES: 'sync' } },
    ],
    stopTimeoutMs: 40_000,
  });
  // This process's firebase-admin (seeding, the scheduler) and createTestUser read these.
  process.env.FIRESTORE_EMULATOR_HOST = stack.firestoreHost;
  process.env.FIREBASE_AUTH_EMULATOR_HOST = stack.authHost;
  process.env.FIREBASE_PROJECT_ID = testProjectId;
  process.env.GCLOUD_PROJECT = testProjectId;
  process.env.METADATA_SERVER_DETECTION = 'none';
  return {
    ...stack,
    db: firestoreFor(testProjectId),
    clock,
    async stop() {
      await stack.stop();
      await rm(rawPayloadDir, { recursive: true, force: true });
    },
  };
}
