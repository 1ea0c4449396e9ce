import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import { stackInfo } from '../harness/stack-info';

const screenshotDir = fileURLToPath(new URL('../screenshots/', import.meta.url));

/** The browser settings of every journey (a `browser.newContext` gets none of the config's `use`). */
export const journeyTimeZone = 'America/New_York';

/**
 * A page for a journey of several tests (one user, one session), with the browser's clock started at
 * the instant the sandbox's clock is frozen at, so the page's "today" is the sandbox's.
 */
export async function openJourneyPage(browser: Browser): Promise<Page> {
  const stack = stackInfo();
  const context = await browser.newContext({
    baseURL: stack.baseUrl,
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
    timezoneId: journeyTimeZone,
  });
  const page = await context.newPage();
  await page.clock.install({ time: new Date(stack.pinnedNow) });
  return page;
}

/** Saves what the user sees now as `e2e/screenshots/<name>.png` (git-ignored). */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${screenshotDir}${name}.png`, fullPage: true });
}

/** A fresh email for a new account in the Auth emulator. */
export function newUserEmail(): string {
  return `e2e-${randomUUID().slice(0, 8)}@example.test`;
}
