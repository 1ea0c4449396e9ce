import { defineConfig } from '@playwright/test';

/**
 * Browser tests of the Ads Hub in Debian's Chromium (`/usr/bin/chromium`; Playwright's own browser
 * download does not work here). One worker: the 2-core machine runs the whole stack besides.
 */
export default defineConfig({
  testDir: './tests',
  testMatch: '**/*.spec.ts',
  outputDir: './test-results/artifacts',
  globalSetup: './harness/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  // A journey links platforms and waits for real 90-day backfills; each wait has its own deadline.
  timeout: 180_000,
  expect: { timeout: 20_000 },
  reporter: [['list'], ['json', { outputFile: './test-results/report.json' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
    // Not UTC on purpose: the page's date range is the user's, the numbers are account-local.
    timezoneId: 'America/New_York',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // Playwright adds --headless and a fresh temporary --user-data-dir per launch. The rest keeps
      // Chromium off the network it cannot reach here (without them it retries refused connections).
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
});
