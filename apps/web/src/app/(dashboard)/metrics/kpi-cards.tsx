'use client';

import { formatChange } from './format';
import type { KpiCard, KpiValue } from './kpis';
import { formatMetric, type MetricKey } from './metric-defs';
import styles from './metrics.module.css';

/** Costs going up is bad news; everything else going up is good. */
const lowerIsBetter: ReadonlySet<MetricKey> = new Set(['cpc', 'cpa']);

function ChangeText({
  metric,
  value,
  comparedWith,
}: {
  metric: MetricKey;
  value: KpiValue;
  comparedWith: string;
}) {
  const { change } = value;
  if (change === null) return <span className={styles.kpiChange}>No comparison with the {comparedWith}</span>;
  const good = change === null || change === 0 ? null : change > 0 !== lowerIsBetter.has(metric);
  const arrow = change === null || change === 0 ? '' : change > 0 ? '▲ ' : '▼ ';
  return (
    <span className={styles.kpiChange}>
      <span className={good === null ? undefined : good ? styles.up : styles.down}>
        <span aria-hidden="true">{arrow}</span>
        {formatChange(change)}
      </span>{' '}
      vs {comparedWith}
    </span>
  );
}

/** The nine KPI cards; money cards list one line per currency, each with its own change. */
export function KpiCards({ cards, comparedWith }: { cards: KpiCard[]; comparedWith: string }) {
  return (
    <div className={styles.kpis}>
      {cards.map((card) => {
        const headingId = `kpi-${card.metric}`;
        return (
          <article key={card.metric} className={styles.kpi} aria-labelledby={headingId}>
            <h3 id={headingId}>{card.label}</h3>
            {card.values.length === 0 ? (
              <p className={styles.muted}>No numbers in this range</p>
            ) : (
              <ul className={styles.kpiValues}>
                {card.values.map((value) => (
                  <li key={value.currencyCode ?? 'all'}>
                    <div className={styles.kpiValue}>
                      {formatMetric(card.metric, value.current, value.currencyCode)}
                      {value.currencyCode ? (
                        <span className={styles.currencyTag}>{value.currencyCode}</span>
                      ) : null}
                    </div>
                    <ChangeText metric={card.metric} value={value} comparedWith={comparedWith} />
                  </li>
                ))}
              </ul>
            )}
          </article>
        );
      })}
    </div>
  );
}
