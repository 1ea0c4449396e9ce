'use client';

import { type ProviderId, providerDisplayNames, providerIds } from '@cohorts/core/contract';
import { useMemo, useState } from 'react';
import {
  allCampaigns,
  type CampaignFilter,
  type CampaignTableRow,
  filterCampaigns,
  type SortKey,
  type SortState,
  sortCampaigns,
  totalsByCurrency,
} from './campaign-table';
import { campaignsCsv, csvFileName } from './csv';
import { formatMetric, type MetricKey, metricInfo, metricKeys, metricValue } from './metric-defs';
import styles from './metrics.module.css';

const textColumns: { key: Exclude<SortKey, MetricKey>; label: string }[] = [
  { key: 'platform', label: 'Platform' },
  { key: 'account', label: 'Account' },
  { key: 'campaign', label: 'Campaign' },
  { key: 'objective', label: 'Objective' },
];

/** Rows drawn at first; the rest on request (the CSV always has every filtered row). */
const firstRows = 100;

function download(text: string, fileName: string) {
  // A BOM so spreadsheet apps read the file as UTF-8 (campaign names are often not ASCII).
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function MetricCell({ metric, row }: { metric: MetricKey; row: CampaignTableRow }) {
  const value = row[metric];
  if (value === null) {
    return (
      <td className={styles.number}>
        <span aria-hidden="true">—</span>
        <span className={styles.srOnly}>
          {metric === 'revenue' || metric === 'roas' ? 'not reported' : 'none'}
        </span>
      </td>
    );
  }
  return <td className={styles.number}>{formatMetric(metric, value, row.currencyCode)}</td>;
}

/**
 * Every campaign of the range: filter by text, platform and currency; sort by any column (money
 * within each currency); totals per currency in the footer; the filtered rows download as CSV.
 */
export function CampaignsTable({
  rows,
  omitted,
  range,
}: {
  rows: CampaignTableRow[];
  omitted: number;
  range: { from: string; to: string };
}) {
  const [filter, setFilter] = useState<CampaignFilter>(allCampaigns);
  const [sort, setSort] = useState<SortState>({ key: 'spend', direction: 'descending' });
  const [showAll, setShowAll] = useState(false);
  const currencies = useMemo(() => [...new Set(rows.map((r) => r.currencyCode))].sort(), [rows]);
  const platforms = useMemo(() => providerIds.filter((p) => rows.some((r) => r.providerId === p)), [rows]);
  const shown = useMemo(
    () => sortCampaigns(filterCampaigns(rows, filter), sort, providerDisplayNames),
    [rows, filter, sort],
  );
  const totals = useMemo(() => totalsByCurrency(shown), [shown]);
  const visible = showAll ? shown : shown.slice(0, firstRows);

  function sortBy(key: SortKey) {
    setSort((current) =>
      current.key === key
        ? { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
        : // Numbers read best largest first; names A to Z.
          { key, direction: textColumns.some((c) => c.key === key) ? 'ascending' : 'descending' },
    );
  }

  function header(key: SortKey, label: string, numeric: boolean) {
    const active = sort.key === key;
    return (
      <th
        key={key}
        scope="col"
        className={numeric ? styles.number : undefined}
        aria-sort={active ? sort.direction : undefined}
      >
        <button type="button" className={styles.sortButton} onClick={() => sortBy(key)}>
          {label}
          <span aria-hidden="true">{active ? (sort.direction === 'ascending' ? '▲' : '▼') : ''}</span>
        </button>
      </th>
    );
  }

  return (
    <section className={styles.section} aria-labelledby="campaigns-heading">
      <h3 id="campaigns-heading">Campaigns</h3>
      <div className={styles.tableTools}>
        <label className={styles.field}>
          Search campaigns
          <input
            type="search"
            value={filter.query}
            placeholder="Campaign, account or objective"
            onChange={(e) => setFilter({ ...filter, query: e.target.value })}
          />
        </label>
        <label className={styles.field}>
          Filter by platform
          <select
            value={filter.providerId}
            onChange={(e) => setFilter({ ...filter, providerId: e.target.value as ProviderId | 'all' })}
          >
            <option value="all">All platforms</option>
            {platforms.map((p) => (
              <option key={p} value={p}>
                {providerDisplayNames[p]}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.field}>
          Filter by currency
          <select
            value={filter.currencyCode}
            onChange={(e) => setFilter({ ...filter, currencyCode: e.target.value })}
          >
            <option value="all">All currencies</option>
            {currencies.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </label>
        <span className={styles.spacer} />
        <button
          type="button"
          className={styles.button}
          disabled={shown.length === 0}
          onClick={() =>
            download(campaignsCsv(shown, providerDisplayNames), csvFileName(range.from, range.to))
          }
        >
          Download CSV
        </button>
      </div>
      <p className={styles.muted} aria-live="polite">
        {shown.length === rows.length
          ? `${rows.length} campaigns`
          : `${shown.length} of ${rows.length} campaigns match`}
        . Money columns sort within each currency.
        {omitted > 0
          ? ` ${omitted} more campaigns with the lowest spend are not listed; narrow the range.`
          : ''}
      </p>
      <section
        className={styles.scroller}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls sideways must be reachable by keyboard
        tabIndex={0}
        aria-label="Campaigns table, scrolls sideways"
      >
        <table className={styles.table}>
          <caption>Campaigns</caption>
          <thead>
            <tr>
              {textColumns.map((c) => header(c.key, c.label, false))}
              <th scope="col">Currency</th>
              {metricKeys.map((m) => header(m, metricInfo[m].label, true))}
            </tr>
          </thead>
          <tbody>
            {visible.length === 0 ? (
              <tr>
                <td colSpan={5 + metricKeys.length} className={styles.stateText}>
                  {rows.length === 0
                    ? 'No campaign reported numbers in this range.'
                    : 'No campaign matches the filters.'}
                </td>
              </tr>
            ) : (
              visible.map((row) => (
                <tr key={`${row.providerId}|${row.accountId}|${row.campaignId}|${row.currencyCode}`}>
                  <td>{providerDisplayNames[row.providerId]}</td>
                  <td title={row.accountId}>{row.accountName ?? row.accountId}</td>
                  <th scope="row">{row.name || row.campaignId}</th>
                  <td>{row.objective ?? '—'}</td>
                  <td>{row.currencyCode}</td>
                  {metricKeys.map((m) => (
                    <MetricCell key={m} metric={m} row={row} />
                  ))}
                </tr>
              ))
            )}
          </tbody>
          {totals.length > 0 ? (
            <tfoot>
              {totals.map((total) => (
                <tr key={total.currencyCode}>
                  <th scope="row" colSpan={4}>
                    Total in {total.currencyCode}
                  </th>
                  <td>{total.currencyCode}</td>
                  {metricKeys.map((m) => (
                    <td key={m} className={styles.number}>
                      {formatMetric(m, metricValue(m, total), total.currencyCode)}
                    </td>
                  ))}
                </tr>
              ))}
            </tfoot>
          ) : null}
        </table>
      </section>
      {shown.length > visible.length ? (
        <button type="button" className={styles.button} onClick={() => setShowAll(true)}>
          Show all {shown.length} campaigns
        </button>
      ) : null}
    </section>
  );
}
