import type { FullConfig } from '@playwright/test';
import { startStack, type WebMode } from './stack';
import { publishStack } from './stack-info';

/**
 * Playwright global setup: starts the stack once for the run and hands its addresses to the test
 * workers through process.env. The returned function is the teardown.
 */
export default async function globalSetup(_config: FullConfig): Promise<() => Promise<void>> {
  const mode: WebMode = process.env.E2E_WEB_MODE === 'dev' ? 'dev' : 'start';
  const started = Date.now();
  const stack = await startStack({ mode, build: process.env.E2E_SKIP_BUILD !== '1' });
  console.log(
    `e2e stack up in ${((Date.now() - started) / 1000).toFixed(1)} s (next ${mode}): web ${stack.baseUrl}, ` +
      `sandbox ${stack.sandboxUrl} (clock frozen at ${stack.pinnedNow}), Firestore project ${stack.projectId}`,
  );
  publishStack(stack);
  return () => stack.stop();
}
