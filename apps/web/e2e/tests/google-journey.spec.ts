import { expect, type Page, test } from '@playwright/test';
import { openJourneyPage, saveScreenshot } from '../support/browser';
import { consentAs, signUp } from '../support/dashboard';

const ada = 'ada@northwind-agency.example';

// One user's journey: each test starts where the previous one left the page.
test.describe.configure({ mode: 'serial' });

let page: Page;

test.beforeAll(async ({ browser }) => {
  page = await openJourneyPage(browser);
});

test.afterAll(async () => {
  await page.context().close();
});

const googleCard = () => page.getByRole('article', { name: 'Google Ads' });

test('a new user creates an account', async () => {
  await signUp(page);
  await expect(page.getByRole('link', { name: 'Link Google Ads' })).toBeVisible();
  await saveScreenshot(page, 'google-01-signed-up');
});

test('links Google Ads through the sandbox consent page', async () => {
  await page.getByRole('link', { name: 'Link Google Ads' }).click();
  await consentAs(page, ada);
  await expect(page.getByText('Google Ads is linked')).toBeVisible();
  await saveScreenshot(page, 'google-02-linked');
});

test('watches the 90-day backfill reach success live', async () => {
  await expect(googleCard().getByText('Synced', { exact: true })).toBeVisible({ timeout: 120_000 });
  await saveScreenshot(page, 'google-03-backfill-success');
});

test('runs a manual sync and watches its progress', async () => {
  await googleCard().getByRole('button', { name: 'Run sync now' }).click();
  await expect(googleCard().getByText(/Sync (queued|running)/)).toBeVisible();
  await expect(googleCard().getByText(/Sync (queued|running)/)).toBeHidden({ timeout: 120_000 });
  await expect(googleCard().getByText('Synced', { exact: true })).toBeVisible();
  await saveScreenshot(page, 'google-04-manual-sync');
});

test('signs out', async () => {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await saveScreenshot(page, 'google-05-signed-out');
});
