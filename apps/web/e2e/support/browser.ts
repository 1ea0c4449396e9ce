import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from '@playwright/test';
import { stackInfo } from '../harness/stack-info';

const screenshotDir = fileURLToPath(new URL('../screenshots/', import.meta.url));

/** The browser settings of every journey (a `browser.newContext` gets none of the config's `use`). */
export const journeyTimeZone = 'America/New_York';

/**
 * A page for a journey of several tests (one user, one session). The browser keeps the real clock,
 * as the web app and the worker do (they take none from the environment): a browser clock set to
 * the sandbox's frozen instant made "last synced" read "in less than a minute". The tests pin their
 * dates through the sandbox's frozen clock instead (`pinnedRange`).
 */
export async function openJourneyPage(browser: Browser): Promise<Page> {
  const stack = stackInfo();
  const context = await browser.newContext({
    baseURL: stack.baseUrl,
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
    timezoneId: journeyTimeZone,
  });
  return context.newPage();
}

/**
 * Saves what the user sees now as `e2e/screenshots/<name>.png` (git-ignored): the whole page, or the
 * window scrolled to `focus` when the test is about one part of a long page.
 */
export async function saveScreenshot(page: Page, name: string, focus?: Locator): Promise<void> {
  const path = `${screenshotDir}${name}.png`;
  if (!focus) {
    await page.screenshot({ path, fullPage: true });
    return;
  }
  await focus.scrollIntoViewIfNeeded();
  await page.screenshot({ path });
}

/** A fresh email for a new account in the Auth emulator. */
export function newUserEmail(): string {
  return `e2e-${randomUUID().slice(0, 8)}@example.test`;
}
