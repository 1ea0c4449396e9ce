import { expect, type Page, test } from '@playwright/test';
import { journeyTimeZone, openJourneyPage, saveScreenshot } from '../support/browser';
import { consentAs, linkPlatform, platformCard, signIn, signOut, signUp } from '../support/dashboard';
import { chooseCustomRange, expectNumbers, kpiCard, metricsPanel } from '../support/metrics';
import { grantAdmin } from '../support/operator';
import { addFault, clearFaults, expectedTotals, holdAccount, pinnedRange } from '../support/sandbox';

/** The sandbox's agency login: five Google Ads accounts under a manager, in four currencies. */
const ada = 'ada@northwind-agency.example';
/** Two accounts in two currencies (USD in New York, JPY in Tokyo). */
const chosenAccounts = ['Acme Outdoor US', 'Sakura Foods JP'] as const;
/** The other three, chosen so that two platforms share a currency and two currencies share a platform. */
const otherPlatforms = [
  { name: 'Meta Ads', provider: 'facebook', accounts: ['Acme Outdoor DE', 'Koala Cafe AU'] },
  { name: 'LinkedIn Ads', provider: 'linkedin', accounts: ['Acme Outdoor US'] },
  { name: 'TikTok Ads', provider: 'tiktok', accounts: ['Sakura Foods JP'] },
] as const;

// One person's journey: each test starts where the previous one left the page.
test.describe.configure({ mode: 'serial' });

let page: Page;
let email: string;
let release: () => Promise<void>;
const google = () => platformCard(page, 'Google Ads');

test.beforeAll(async ({ browser }) => {
  page = await openJourneyPage(browser);
});

test.afterAll(async () => {
  await clearFaults();
  await page.context().close();
});

test('a new user signs up and is invited to link a platform', async () => {
  email = await signUp(page);
  await expect(page.getByRole('heading', { name: 'Link a platform to see your numbers' })).toBeVisible();
  await saveScreenshot(page, 'google-01-signed-up');
});

test('links Google Ads through the sandbox consent page and picks two of its accounts', async () => {
  // Sakura's reports wait a moment, so the backfill can be watched half-way.
  release = await holdAccount('google', 'Sakura Foods JP');
  await linkPlatform(page, 'Google Ads', ada, chosenAccounts);
  await expect(
    page.getByText('Google Ads: syncing 2 accounts; the 90-day backfill has started.'),
  ).toBeVisible();
  await saveScreenshot(page, 'google-02-accounts-chosen');
});

test('watches the backfill progress live and end in success', async () => {
  await expect(google().getByText(/Backfill running: 1 of 2 accounts, \d+ of \d+ days/)).toBeVisible();
  await expect(google().getByRole('progressbar', { name: 'Google Ads sync progress' })).toBeVisible();
  await saveScreenshot(page, 'google-03-backfill-running', google());
  await release();
  await expect(google().getByText('Synced', { exact: true })).toBeVisible({ timeout: 120_000 });
  await expect(google().getByText(/^Syncing 2 of \d+ accounts \(your choice\)/)).toBeVisible();
  await saveScreenshot(page, 'google-04-backfill-success', google());
});

test('shows KPIs, a chart and campaign totals that match the sandbox, one currency at a time', async () => {
  const panel = metricsPanel(page);
  const range = pinnedRange(30, journeyTimeZone);
  await chooseCustomRange(panel, range);
  await expect(panel.getByText('(30 days)')).toBeVisible();
  const expected = await expectedTotals([{ provider: 'google', accounts: chosenAccounts }], range);
  expect([...expected.spendMicros.keys()].sort()).toEqual(['JPY', 'USD']);
  await expectNumbers(panel, expected);
  // A chart that drew its lines, money in one currency at a time.
  await expect(panel.getByRole('figure').locator('svg .recharts-line-curve').first()).toBeVisible();
  await expect(panel.getByText('it is never added across currencies')).toBeVisible();
  await saveScreenshot(page, 'google-05-metrics');
});

test('links Meta, LinkedIn and TikTok too; each currency keeps its own totals across platforms', async () => {
  for (const { name, accounts } of otherPlatforms) {
    await linkPlatform(page, name, ada, accounts);
    await expect(page.getByText(`${name}: syncing ${accounts.length} account`)).toBeVisible();
    await expect(platformCard(page, name).getByText('Synced', { exact: true })).toBeVisible({
      timeout: 120_000,
    });
  }
  const panel = metricsPanel(page);
  const range = pinnedRange(30, journeyTimeZone);
  await chooseCustomRange(panel, range);
  const expected = await expectedTotals(
    [{ provider: 'google', accounts: chosenAccounts }, ...otherPlatforms],
    range,
  );
  // USD from Google and LinkedIn, JPY from Google and TikTok, EUR and AUD from Meta.
  expect([...expected.spendMicros.keys()].sort()).toEqual(['AUD', 'EUR', 'JPY', 'USD']);
  await expectNumbers(panel, expected);
  await saveScreenshot(page, 'google-06-four-platforms', kpiCard(panel, 'Spend'));
});

test('runs a manual sync and watches its progress', async () => {
  release = await holdAccount('google', 'Sakura Foods JP');
  await google().getByRole('button', { name: 'Run sync now' }).click();
  await expect(google().getByText(/Sync running: 1 of 2 accounts, \d+ of \d+ days/)).toBeVisible();
  await saveScreenshot(page, 'google-07-manual-sync-running', google());
  await release();
  await expect(google().getByText('Synced', { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(google().getByRole('button', { name: 'Run sync now' })).toBeEnabled();
});

test('automation is read-only for a user; an admin turns auto-sync off and it stays off after a reload', async ({
  browser,
}) => {
  await google()
    .getByText(/^Automation:/)
    .click();
  await expect(google().getByText('Only an admin can change these settings.')).toBeVisible();

  // An operator makes the person an admin; it applies from their next sign-in (here: another browser).
  await grantAdmin(email);
  const adminPage = await openJourneyPage(browser);
  try {
    await adminPage.goto('/');
    await signIn(adminPage, email);
    const card = platformCard(adminPage, 'Google Ads');
    await card.getByText(/^Automation:/).click();
    const autoSync = card.getByRole('checkbox', { name: 'Sync automatically' });
    await expect(autoSync).toBeChecked();
    await autoSync.uncheck();
    await card.getByRole('button', { name: 'Save automation' }).click();
    await expect(card.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

    await adminPage.reload();
    await expect(card.getByText('Automation: off')).toBeVisible();
    await card.getByText(/^Automation:/).click();
    await expect(card.getByRole('checkbox', { name: 'Sync automatically' })).not.toBeChecked();
    await expect(card.getByText('Auto-sync is off: no run scheduled.')).toBeVisible();
    await saveScreenshot(adminPage, 'google-08-automation-saved', card);
  } finally {
    await adminPage.context().close();
  }
});

test('a revoked token shows the reconnect banner, and reconnecting brings the syncs back', async () => {
  await addFault({ kind: 'revoked-token', provider: 'google' });
  await google().getByRole('button', { name: 'Run sync now' }).click();
  const alert = google().getByRole('alert');
  await expect(alert).toContainText('The platform refused our access', { timeout: 60_000 });
  await expect(google().getByText('Reconnect needed', { exact: true })).toBeVisible();
  await expect(google().getByRole('button', { name: 'Run sync now' })).toBeDisabled();
  await saveScreenshot(page, 'google-09-auth-fault', google());

  // The person fixes it at the platform (here: the fault is switched off) and reconnects.
  await clearFaults();
  await alert.getByRole('link', { name: 'Reconnect' }).click();
  await consentAs(page, ada);
  await expect(page.getByText('Google Ads is linked. Its 90-day backfill is under way.')).toBeVisible();
  await expect(google().getByText('Synced', { exact: true })).toBeVisible({ timeout: 120_000 });
  await expect(google().getByRole('alert')).toBeHidden();
  await saveScreenshot(page, 'google-10-reconnected', google());
});

test('the job history lists every sync with its outcome', async () => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Job history' }).click();
  await expect(page.getByRole('heading', { name: 'Job history', level: 2 })).toBeVisible();
  const rows = page.getByRole('table', { name: 'Sync jobs, page 1' }).getByRole('row');
  // Google twice (linking, reconnecting), Meta, LinkedIn and TikTok once each.
  await expect(rows.filter({ hasText: 'Initial backfill' })).toHaveCount(5);
  await expect(rows.filter({ hasText: 'Manual sync' }).filter({ hasText: 'Success' })).toHaveCount(1);
  // The sync the revoked token stopped, with its reason.
  const failed = rows.filter({ hasText: 'Failed' });
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText('Google Ads');
  await saveScreenshot(page, 'google-11-job-history');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
  await expect(page.getByRole('heading', { name: 'Platforms' })).toBeVisible();
});

test('signs out', async () => {
  await signOut(page);
  await expect(page.getByRole('button', { name: 'Create account' })).toBeVisible();
  await saveScreenshot(page, 'google-12-signed-out');
});
