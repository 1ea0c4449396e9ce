import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sandboxControl } from '@cohorts/sandbox';
import { sandboxOAuthEnv, testEncryptionKeys } from '@cohorts/sync/testing';
import { testProjectId, waitUntilServing } from '@cohorts/test-harness';
import { type ProductStack, startProductStack, type WebMode } from '@cohorts/test-harness/product-stack';

const webDir = fileURLToPath(new URL('../..', import.meta.url));
const e2eDir = fileURLToPath(new URL('..', import.meta.url));
/** Its own build folder, so the e2e server never collides with someone's `next dev` in the same checkout. */
const distDir = '.next-e2e';

export type { WebMode };

/** What the tests get (through process.env, which Playwright passes from global setup to its workers). */
export interface StackInfo {
  baseUrl: string;
  sandboxUrl: string;
  /** The instant the sandbox's clock is frozen at: its "today" for every account all run long. */
  pinnedNow: string;
  projectId: string;
  redisPrefix: string;
  /** The run's own emulators, for a test that acts as an operator (e.g. grants the admin claim). */
  authEmulatorHost: string;
  firestoreEmulatorHost: string;
}

export interface RunningStack extends StackInfo {
  stop(): Promise<void>;
}

/**
 * Next rewrites `next-env.d.ts` to point at the build folder in use; put it back as it was, so an
 * e2e run leaves the checkout unchanged.
 */
function keepNextEnv(): () => void {
  const path = join(webDir, 'next-env.d.ts');
  const original = readFileSync(path, 'utf8');
  return () => {
    if (readFileSync(path, 'utf8') !== original) writeFileSync(path, original);
  };
}

/**
 * Starts everything a browser test needs (the product stack of the test harness), on free ports,
 * isolated from anything else on the machine: its own Firestore and Auth emulators, the ad platform
 * sandbox with its clock frozen, a worker process, and the web app (its own build folder,
 * `.next-e2e`) — with a Firestore project and a Redis prefix of the run's own.
 */
export async function startStack(options: { mode: WebMode; build: boolean }): Promise<RunningStack> {
  const restoreNextEnv = keepNextEnv();
  let stack: ProductStack | null = null;
  const stop = async () => {
    await stack?.stop();
    restoreNextEnv();
  };
  try {
    stack = await startProductStack({
      name: 'e2e',
      logDir: join(e2eDir, 'test-results', 'logs'),
      webMode: options.mode,
      build: options.build,
      nextDistDir: distDir,
      productEnv: (webUrl) => ({
        ...sandboxOAuthEnv(webUrl),
        TOKEN_ENCRYPTION_KEYS: testEncryptionKeys(),
        // The journeys press "Run sync now" again once a sync ends: a cooldown of a second keeps that possible.
        MANUAL_SYNC_COOLDOWN_SECONDS: '1',
        RAW_PAYLOAD_DIR: join(e2eDir, 'test-results', 'raw-payloads'),
      }),
      workerEnv: { LOG_LEVEL: 'info' },
      workers: [{ name: 'worker' }],
    });
    // The first request compiles the page under `next dev`; do it here, not inside a test's deadline.
    await waitUntilServing(stack.webUrl, stack.web, 180_000);
    restoreNextEnv();
    // From here on the sandbox's "today" stays put for every account, however long the run.
    const pinned = await sandboxControl<{ now: string }>(stack.sandbox.url, 'clock', {
      json: { freeze: true },
    });
    return {
      baseUrl: stack.webUrl,
      sandboxUrl: stack.sandbox.url,
      pinnedNow: pinned.now,
      projectId: testProjectId,
      redisPrefix: stack.redisPrefix,
      authEmulatorHost: stack.authHost,
      firestoreEmulatorHost: stack.firestoreHost,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
