'use client';

import { type ProviderId, providerDisplayNames } from '@cohorts/core/contract';
import { useId, useMemo, useState } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceArea,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  chartPoints,
  currenciesIn,
  dayValue,
  firstProvisionalDate,
  providersWithValues,
  rangeValue,
  type SeriesDay,
} from './chart-data';
import { formatCompactCount, formatDate, formatMoneyCompact, formatPercent, formatShortDate } from './format';
import { formatMetric, type MetricKey, metricInfo, metricKeys } from './metric-defs';
import styles from './metrics.module.css';
import { dayStateText, providerStyle } from './provider-style';

/** The last date any platform's numbers of `day` may still change on, or null when all are final. */
function latestChange(day: SeriesDay): string | null {
  const dates = Object.values(day.providers)
    .map((p) => p?.mayChangeUntil ?? null)
    .filter((d): d is string => d !== null)
    .sort();
  return dates.at(-1) ?? null;
}

function axisFormatter(metric: MetricKey, currencyCode: string | null) {
  const { kind } = metricInfo[metric];
  return (value: number) => {
    if (kind === 'money' && currencyCode) return formatMoneyCompact(value, currencyCode);
    if (kind === 'percent') return formatPercent(value);
    if (kind === 'multiple') return `${value.toFixed(1)}×`;
    return formatCompactCount(value);
  };
}

/**
 * One metric over the range, a line per platform. Money (and money ratios) is drawn for one
 * currency at a time; days without numbers are gaps; provisional days are shaded. The same numbers
 * are in a summary sentence and a table for people who do not see the chart.
 */
export function MetricChart({ days, providers }: { days: SeriesDay[]; providers: ProviderId[] }) {
  const [metric, setMetric] = useState<MetricKey>('spend');
  const currencies = useMemo(() => currenciesIn(days), [days]);
  const [chosenCurrency, setCurrency] = useState<string | null>(null);
  const perCurrency = metricInfo[metric].perCurrency;
  const currencyCode = perCurrency
    ? chosenCurrency && currencies.includes(chosenCurrency)
      ? chosenCurrency
      : (currencies[0] ?? null)
    : null;
  const points = useMemo(
    () => chartPoints(days, providers, metric, currencyCode),
    [days, providers, metric, currencyCode],
  );
  const drawn = providersWithValues(points, providers);
  const provisionalFrom = firstProvisionalDate(days);
  const lastDate = days.at(-1)?.date ?? null;
  const summaryId = useId();
  const titleId = useId();
  const label = metricInfo[metric].label;
  const title = `${label}${currencyCode ? ` in ${currencyCode}` : ''} per day, by platform`;

  const summary =
    drawn.length === 0
      ? `No platform reported ${label.toLowerCase()}${currencyCode ? ` in ${currencyCode}` : ''} in this range.`
      : `${label}${currencyCode ? ` in ${currencyCode}` : ''} over the range: ${drawn
          .map(
            (p) =>
              `${providerDisplayNames[p]} ${formatMetric(metric, rangeValue(days, p, metric, currencyCode), currencyCode)}`,
          )
          .join(
            '; ',
          )}.${provisionalFrom ? ` Days from ${formatDate(provisionalFrom)} on are provisional (shaded).` : ''}`;

  return (
    <section className={styles.section} aria-labelledby={titleId}>
      <h3 id={titleId}>Trend</h3>
      <div className={styles.chartControls}>
        <label className={styles.field}>
          Chart metric
          <select value={metric} onChange={(e) => setMetric(e.target.value as MetricKey)}>
            {metricKeys.map((key) => (
              <option key={key} value={key}>
                {metricInfo[key].label}
              </option>
            ))}
          </select>
        </label>
        {perCurrency && currencies.length > 0 ? (
          <label className={styles.field}>
            Chart currency
            <select value={currencyCode ?? ''} onChange={(e) => setCurrency(e.target.value)}>
              {currencies.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {perCurrency && currencies.length > 1 ? (
          <p className={styles.muted}>
            Money is charted one currency at a time; it is never added across currencies.
          </p>
        ) : null}
      </div>
      <figure className={styles.figure} aria-labelledby={`${titleId}-caption`} aria-describedby={summaryId}>
        <figcaption id={`${titleId}-caption`} className={styles.srOnly}>
          {title}
        </figcaption>
        <div className={styles.chartBox}>
          <ResponsiveContainer width="100%" height="100%">
            <LineChart
              data={points}
              margin={{ top: 8, right: 16, bottom: 4, left: 8 }}
              accessibilityLayer
              title={title}
              desc={summary}
            >
              <CartesianGrid stroke="#eaeef2" vertical={false} />
              <XAxis
                dataKey="date"
                tickFormatter={(d: string) => formatShortDate(d)}
                minTickGap={24}
                tick={{ fill: '#424a53', fontSize: 12 }}
              />
              <YAxis
                tickFormatter={axisFormatter(metric, currencyCode)}
                width={72}
                tick={{ fill: '#424a53', fontSize: 12 }}
              />
              {provisionalFrom && lastDate ? (
                <ReferenceArea
                  x1={provisionalFrom}
                  x2={lastDate}
                  fill="#fff3c4"
                  fillOpacity={0.6}
                  ifOverflow="extendDomain"
                  label={{ value: 'Provisional', position: 'insideTopRight', fill: '#6a4b00', fontSize: 12 }}
                />
              ) : null}
              <Tooltip
                labelFormatter={(d) => {
                  const day = days.find((candidate) => candidate.date === String(d));
                  const until = day ? latestChange(day) : null;
                  return until
                    ? `${formatDate(String(d))} (provisional: may still change until ${formatShortDate(until)})`
                    : formatDate(String(d));
                }}
                formatter={(value, name) => [
                  formatMetric(metric, typeof value === 'number' ? value : null, currencyCode),
                  String(name),
                ]}
              />
              <Legend
                // Legend text in the body colour: some line colours are too light for small text.
                formatter={(name) => <span style={{ color: '#1b1f24' }}>{String(name)}</span>}
              />
              {drawn.map((providerId) => (
                <Line
                  key={providerId}
                  type="linear"
                  dataKey={providerId}
                  name={providerDisplayNames[providerId]}
                  stroke={providerStyle[providerId].color}
                  strokeDasharray={providerStyle[providerId].dash}
                  strokeWidth={2}
                  dot={points.length <= 31 ? { r: 2 } : false}
                  connectNulls={false}
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <p id={summaryId} className={styles.summary}>
        {summary}
      </p>
      <details>
        <summary>Show the chart as a table</summary>
        <div className={styles.scroller}>
          <table className={styles.table}>
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                {providers.map((p) => (
                  <th key={p} scope="col" className={styles.number}>
                    {providerDisplayNames[p]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {days.map((day) => (
                <tr key={day.date}>
                  <th scope="row">
                    {formatDate(day.date)}
                    {latestChange(day) ? (
                      <>
                        {' '}
                        <span className={styles.provisionalTag}>
                          provisional: may still change until {formatShortDate(latestChange(day) ?? '')}
                        </span>
                      </>
                    ) : null}
                  </th>
                  {providers.map((p) => {
                    const providerDay = day.providers[p];
                    const value = dayValue(providerDay, metric, currencyCode);
                    const state = providerDay?.state ?? 'not-linked';
                    return (
                      <td key={p} className={styles.number}>
                        {value !== null ? (
                          formatMetric(metric, value, currencyCode)
                        ) : (
                          <span className={styles.stateText}>
                            {state !== 'reported'
                              ? dayStateText[state]
                              : currencyCode
                                ? `none in ${currencyCode}`
                                : '—'}
                          </span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
