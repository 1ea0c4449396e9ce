import { expect, type Page } from '@playwright/test';
import { newUserEmail } from './browser';

const password = 'e2e-password-1234';

/** Creates an account on the sign-in screen and waits for the signed-in dashboard. */
export async function signUp(page: Page): Promise<string> {
  const email = newUserEmail();
  await page.goto('/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  return email;
}

export async function signIn(page: Page, email: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
}

/** A platform's card on the dashboard, found by its heading ("Google Ads", "Meta Ads", …). */
export function platformCard(page: Page, name: string) {
  return page.getByRole('article', { name });
}

/** Goes through the sandbox's consent page for `login` and allows; lands back on the dashboard. */
export async function consentAs(page: Page, login: string): Promise<void> {
  await expect(page.getByRole('button', { name: 'Allow' })).toBeVisible();
  await page.getByLabel('Sign in as').selectOption(login);
  await page.getByRole('button', { name: 'Allow' }).click();
}

/**
 * Links a platform as a person does: its "Link …" button, the platform's (sandbox) consent page,
 * then the "Choose ad accounts" dialog, ticking `accounts` by name and starting the sync.
 */
export async function linkPlatform(
  page: Page,
  name: string,
  login: string,
  accounts: readonly string[],
): Promise<void> {
  await platformCard(page, name)
    .getByRole('link', { name: `Link ${name}` })
    .click();
  await consentAs(page, login);
  const picker = page.getByRole('dialog', { name: 'Choose ad accounts' });
  await expect(picker).toBeVisible();
  await expect(picker.getByText(name, { exact: true })).toBeVisible();
  for (const account of accounts) await picker.getByRole('checkbox', { name: account, exact: true }).check();
  await expect(picker.getByRole('status')).toContainText(`${accounts.length} of `);
  await picker.getByRole('button', { name: 'Start sync' }).click();
  await expect(picker).toBeHidden();
}
