import { expect, type Page } from '@playwright/test';
import { newUserEmail } from './browser';

export const password = 'e2e-password-1234';

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

/** Goes through the sandbox's consent page for `login` and allows; lands back on the dashboard. */
export async function consentAs(page: Page, login: string): Promise<void> {
  await expect(page.getByRole('button', { name: 'Allow' })).toBeVisible();
  await page.getByLabel('Sign in as').selectOption(login);
  await page.getByRole('button', { name: 'Allow' }).click();
}
