import { expect, type Locator, type Page } from '@playwright/test';
import type { ExpectedTotals } from './sandbox';

/** Money as the dashboard shows it to an en-US reader: the currency's own minor units. */
function money(micros: bigint, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(Number(micros) / 1_000_000);
}

function count(value: number): string {
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(value);
}

export function metricsPanel(page: Page): Locator {
  return page.getByRole('region', { name: 'Metrics' });
}

/** Picks a custom range in the Metrics panel, as a person types dates. */
export async function chooseCustomRange(panel: Locator, range: { from: string; to: string }): Promise<void> {
  await panel.getByRole('button', { name: 'Custom' }).click();
  const form = panel.getByRole('form', { name: 'Custom date range' });
  await form.getByLabel('Start date', { exact: true }).fill(range.from);
  await form.getByLabel('End date', { exact: true }).fill(range.to);
  await form.getByRole('button', { name: 'Apply' }).click();
  await expect(panel).toHaveAttribute('aria-busy', 'false');
}

/** The KPI card of one metric ("Spend", "Impressions", …). */
export function kpiCard(panel: Locator, label: string): Locator {
  return panel.getByRole('article', { name: label, exact: true });
}

/** The campaigns table's total row of one currency, as the cells' texts. */
function campaignTotalRow(panel: Locator, currency: string): Locator {
  return panel.getByRole('table', { name: 'Campaigns' }).getByRole('row', { name: `Total in ${currency}` });
}

/**
 * The KPI cards and the campaigns table agree with the sandbox: each currency its own spend line and
 * its own total row (as many as there are currencies, never one figure for several), counts overall.
 */
export async function expectNumbers(panel: Locator, expected: ExpectedTotals): Promise<void> {
  const currencies = [...expected.spendMicros.keys()];
  const spend = kpiCard(panel, 'Spend');
  await expect(spend.getByRole('listitem')).toHaveCount(currencies.length);
  const table = panel.getByRole('table', { name: 'Campaigns' });
  await expect(table.getByRole('row', { name: /^Total/ })).toHaveCount(currencies.length);
  for (const [currency, micros] of expected.spendMicros) {
    expect(micros, `expected ${currency} spend`).toBeGreaterThan(0n);
    await expect(spend).toContainText(money(micros, currency));
    await expect(campaignTotalRow(panel, currency).getByRole('cell').nth(1)).toHaveText(
      money(micros, currency),
    );
  }
  await expect(kpiCard(panel, 'Impressions')).toContainText(count(expected.impressions));
  await expect(kpiCard(panel, 'Clicks')).toContainText(count(expected.clicks));
}
