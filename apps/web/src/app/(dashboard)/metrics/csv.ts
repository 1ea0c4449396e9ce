import type { ProviderId } from '@cohorts/core/contract';
import type { CampaignTableRow } from './campaign-table';

type Cell = string | number | null;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, or line break, quotes doubled.
 * Text that a spreadsheet would run as a formula (= + - @, tab, carriage return first) gets a
 * leading apostrophe: campaign names come from the ad platforms, not from us.
 */
export function csvField(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows]
    .map((row) => row.map(csvField).join(','))
    .join('\r\n')
    .concat('\r\n');
}

/** The campaigns table as CSV: raw numbers (no currency symbols or grouping), one currency column. */
export function campaignsCsv(
  rows: readonly CampaignTableRow[],
  providerNames: Record<ProviderId, string>,
): string {
  const header = [
    'Platform',
    'Account ID',
    'Account',
    'Campaign ID',
    'Campaign',
    'Objective',
    'Currency',
    'Spend',
    'Impressions',
    'Clicks',
    'Conversions',
    'Revenue',
    'CTR',
    'CPC',
    'CPA',
    'ROAS',
  ];
  return toCsv(
    header,
    rows.map((row) => [
      providerNames[row.providerId],
      row.accountId,
      row.accountName,
      row.campaignId,
      row.name,
      row.objective,
      row.currencyCode,
      row.spend,
      row.impressions,
      row.clicks,
      row.conversions,
      row.revenue,
      row.ctr,
      row.cpc,
      row.cpa,
      row.roas,
    ]),
  );
}

export function csvFileName(from: string, to: string): string {
  return `campaigns_${from}_${to}.csv`;
}
