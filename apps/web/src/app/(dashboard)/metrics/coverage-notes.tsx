'use client';

import { providerDisplayNames } from '@cohorts/core/contract';
import type { SeriesDay } from './chart-data';
import { providerCoverage } from './coverage';
import { formatDate } from './format';
import styles from './metrics.module.css';
import type { OverviewProvider } from './types';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function syncingText(provider: OverviewProvider): string {
  const job = provider.liveJob;
  const kind = job?.jobType === 'initial-backfill' ? 'the 90-day backfill' : 'a sync';
  const progress = job?.progress;
  if (!job || job.status === 'queued' || !progress) return `${kind} is queued`;
  return `${kind} is running: ${progress.accountsDone} of ${progress.accountsTotal} accounts, ${progress.daysDone} of ${progress.daysTotal} days`;
}

/**
 * What the numbers cover, per platform: syncs still running, accounts skipped, dates with no
 * activity or not read yet (none of which is drawn as a zero), and the provisional days.
 */
export function CoverageNotes({
  providers,
  days,
  previousGaps,
  previousPeriod,
}: {
  providers: OverviewProvider[];
  days: SeriesDay[];
  previousGaps: { providerId: OverviewProvider['providerId']; missingDays: number }[];
  previousPeriod: { from: string; to: string };
}) {
  const items: { key: string; text: string }[] = [];
  if (previousGaps.length > 0) {
    items.push({
      key: 'previous-gaps',
      text: `No changes are shown: the previous period (${formatDate(previousPeriod.from)} – ${formatDate(previousPeriod.to)}) is not fully synced (${previousGaps
        .map(
          (gap) =>
            `${providerDisplayNames[gap.providerId]}: ${plural(gap.missingDays, 'day', 'days')} missing`,
        )
        .join('; ')}).`,
    });
  }
  const provisional = new Map<string, string[]>();
  const restatesLonger: { name: string; days: number; reread: number }[] = [];
  for (const provider of providers) {
    const name = providerDisplayNames[provider.providerId];
    const coverage = providerCoverage(days, provider.providerId);
    if (!provider.linked && coverage.counts.reported === 0) continue;
    if (!provider.linked)
      items.push({
        key: `${name}-unlinked`,
        text: `${name} is disconnected; the numbers synced before are kept.`,
      });
    if (provider.syncing) {
      items.push({
        key: `${name}-syncing`,
        text: `${name}: ${syncingText(provider)}. Dates it has not read yet show as “syncing”, not as zero.`,
      });
    }
    const skipped = provider.accounts.filter((a) => a.state === 'skipped');
    if (skipped.length > 0) {
      items.push({
        key: `${name}-skipped`,
        text: `${name}: skipped ${skipped.map((a) => `${a.name} (${a.id})`).join(', ')}: closed or suspended, so the platform reports nothing for ${skipped.length === 1 ? 'it' : 'them'}.`,
      });
    }
    if (coverage.counts['no-activity'] > 0) {
      items.push({
        key: `${name}-empty`,
        text: `${name}: ${plural(coverage.counts['no-activity'], 'day', 'days')} with no activity (the platform reported nothing).`,
      });
    }
    if (coverage.counts['not-synced'] > 0 && !provider.syncing) {
      items.push({
        key: `${name}-unsynced`,
        text: `${name}: ${plural(coverage.counts['not-synced'], 'day has', 'days have')} not been synced yet (before the history we read, or not read yet).`,
      });
    }
    const rule = provider.provisional;
    if (coverage.provisional && rule) {
      const { first, last, lastUntil } = coverage.provisional;
      const span = first === last ? formatDate(first) : `${formatDate(first)} – ${formatDate(last)}`;
      const text = `${span} ${first === last ? 'is' : 'are'} provisional: each day may still change until ${plural(rule.windowDays, 'day', 'days')} after it (${formatDate(last)} until ${formatDate(lastUntil)}).`;
      provisional.set(text, [...(provisional.get(text) ?? []), name]);
      if (rule.platformRestatesLonger)
        restatesLonger.push({ name, days: rule.restatementDays, reread: rule.rereadDays });
    }
  }
  // Platforms with the same provisional days share one line.
  for (const [text, names] of provisional)
    items.push({ key: `provisional-${text}`, text: `${names.join(', ')}: ${text}` });
  if (restatesLonger.length > 0) {
    const reread = Math.min(...restatesLonger.map((r) => r.reread));
    items.push({
      key: 'restates-longer',
      text: `${restatesLonger.map((r) => `${r.name} restates for ${r.days} days`).join(', ')}; syncs re-read the last ${reread} days, so later changes at the platform are followed only with a longer lookback (automation settings).`,
    });
  }
  if (items.length === 0) return null;
  return (
    <section className={styles.notes} aria-labelledby="coverage-heading">
      <h3 id="coverage-heading">About these numbers</h3>
      <ul>
        {items.map((item) => (
          <li key={item.key}>{item.text}</li>
        ))}
      </ul>
    </section>
  );
}
