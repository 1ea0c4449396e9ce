import type { ProviderId } from '@cohorts/core/contract';
import {
  addSameCurrency,
  emptyTotals,
  type MetricKey,
  metricInfo,
  metricKeys,
  type Totals,
} from './metric-defs';

/** A campaign's row: who it belongs to and its totals and ratios over the range. */
export interface CampaignTableRow extends Totals {
  providerId: ProviderId;
  accountId: string;
  accountName: string | null;
  campaignId: string;
  name: string;
  objective: string | null;
  currencyCode: string;
  ctr: number | null;
  cpc: number | null;
  cpa: number | null;
  roas: number | null;
}

type TextColumn = 'platform' | 'account' | 'campaign' | 'objective';
export type SortKey = TextColumn | MetricKey;
type SortDirection = 'ascending' | 'descending';
export interface SortState {
  key: SortKey;
  direction: SortDirection;
}

export interface CampaignFilter {
  /** Matched against campaign, account name and id, and objective, case-insensitively. */
  query: string;
  providerId: ProviderId | 'all';
  currencyCode: string | 'all';
}

export const allCampaigns: CampaignFilter = { query: '', providerId: 'all', currencyCode: 'all' };

export function filterCampaigns<Row extends CampaignTableRow>(
  rows: readonly Row[],
  filter: CampaignFilter,
): Row[] {
  const needle = filter.query.trim().toLocaleLowerCase();
  return rows.filter(
    (row) =>
      (filter.providerId === 'all' || row.providerId === filter.providerId) &&
      (filter.currencyCode === 'all' || row.currencyCode === filter.currencyCode) &&
      (needle === '' ||
        [row.name, row.accountName ?? '', row.accountId, row.campaignId, row.objective ?? ''].some((text) =>
          text.toLocaleLowerCase().includes(needle),
        )),
  );
}

function textOf(row: CampaignTableRow, key: TextColumn, providerNames: Record<ProviderId, string>): string {
  switch (key) {
    case 'platform':
      return providerNames[row.providerId];
    case 'account':
      return row.accountName ?? row.accountId;
    case 'campaign':
      return row.name;
    case 'objective':
      return row.objective ?? '';
  }
}

const isMetric = (key: SortKey): key is MetricKey => (metricKeys as readonly string[]).includes(key);

/**
 * Sorts the rows. Money columns (and money ratios) sort within each currency: currencies are kept
 * together, in code order, because 100 JPY is not more than 1 USD. Missing values go last either way.
 */
export function sortCampaigns<Row extends CampaignTableRow>(
  rows: readonly Row[],
  sort: SortState,
  providerNames: Record<ProviderId, string>,
): Row[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const { key } = sort;
  return [...rows].sort((a, b) => {
    if (isMetric(key)) {
      if (metricInfo[key].perCurrency) {
        const byCurrency = a.currencyCode.localeCompare(b.currencyCode);
        if (byCurrency !== 0) return byCurrency;
      }
      const x = a[key];
      const y = b[key];
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      return sign * (x - y) || a.campaignId.localeCompare(b.campaignId);
    }
    return (
      sign * textOf(a, key, providerNames).localeCompare(textOf(b, key, providerNames)) ||
      a.campaignId.localeCompare(b.campaignId)
    );
  });
}

/** Totals of the rows per currency, sorted by currency: the table's footer (never one grand total). */
export function totalsByCurrency(rows: readonly CampaignTableRow[]): (Totals & { currencyCode: string })[] {
  const totals = new Map<string, Totals>();
  for (const row of rows)
    totals.set(row.currencyCode, addSameCurrency(totals.get(row.currencyCode) ?? emptyTotals, row));
  return [...totals.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currencyCode, total]) => ({ currencyCode, ...total }));
}
