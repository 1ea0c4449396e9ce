'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useNow } from '../data/clock';
import { liveJobOf, useRecentJobs } from '../data/live-jobs';
import { useTRPC } from '../data/trpc';
import { Skeleton } from '../ui/skeleton';
import { CampaignsTable } from './campaigns-table';
import { withLiveSyncs } from './coverage';
import { CoverageNotes } from './coverage-notes';
import { CreativesGallery } from './creatives-gallery';
import { type RangeChoice, rangeLength, rangeOf } from './date-range';
import { formatDate } from './format';
import { KpiCards } from './kpi-cards';
import { kpiCards } from './kpis';
import { MetricChart } from './metric-chart';
import styles from './metrics.module.css';
import { RangePicker } from './range-picker';

function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

const span = (range: { from: string; to: string }) => `${formatDate(range.from)} – ${formatDate(range.to)}`;

/**
 * The Metrics panel: a date range, KPI cards with their change, the trend per platform, every
 * campaign (sortable, filterable, CSV) and the creatives, from one `metrics.overview` query that the
 * job stream invalidates when a sync finishes.
 */
export function MetricsPanel() {
  const trpc = useTRPC();
  const now = useNow();
  const timeZone = useMemo(browserTimeZone, []);
  const [choice, setChoice] = useState<RangeChoice>({ kind: 'preset', days: 30 });
  const range = rangeOf(choice, now, timeZone);
  const overview = useQuery({
    ...trpc.metrics.overview.queryOptions({ from: range.from, to: range.to }),
    placeholderData: keepPreviousData,
  });
  const days = rangeLength(range);
  const recentJobs = useRecentJobs();
  const data = useMemo(() => {
    const read = overview.data;
    if (!read) return undefined;
    // The job stream is newer than the overview: a sync that started since shows as syncing, live.
    const providers = read.providers.map((provider) => {
      const job = liveJobOf(recentJobs.data?.jobs, provider.providerId);
      return job
        ? {
            ...provider,
            syncing: true,
            liveJob: { jobType: job.jobType, status: job.status, progress: job.progress },
          }
        : provider;
    });
    const syncing = new Set(providers.filter((p) => p.syncing).map((p) => p.providerId));
    return { ...read, providers, days: withLiveSyncs(read.days, syncing) };
  }, [overview.data, recentJobs.data]);
  const cards = useMemo(
    () => kpiCards(data?.blended ?? [], { previousComplete: (data?.previousPeriodGaps.length ?? 0) === 0 }),
    [data],
  );
  const chartProviders = useMemo(
    () =>
      (data?.providers ?? [])
        .filter((p) => p.linked || data?.days.some((d) => d.providers[p.providerId]?.state === 'reported'))
        .map((p) => p.providerId),
    [data],
  );

  return (
    <section className={styles.panel} aria-labelledby="metrics-heading" aria-busy={overview.isFetching}>
      <div className={styles.panelHeader}>
        <h2 id="metrics-heading">Metrics</h2>
        <RangePicker choice={choice} range={range} now={now} timeZone={timeZone} onChange={setChoice} />
      </div>
      <p className={styles.rule}>
        <strong>
          {span(range)} ({days} days)
        </strong>
        {data ? `, compared with ${span(data.previousPeriod)}` : ''}. “Last N days” ends yesterday in your
        time zone ({timeZone}). A date is each ad account’s own local date, as the platform’s own UI shows it;
        LinkedIn’s days are UTC days.
      </p>
      {overview.isPending ? (
        <>
          <Skeleton label="Loading key figures" lines={3} />
          <Skeleton label="Loading the trend chart" lines={6} />
          <Skeleton label="Loading campaigns" lines={8} />
        </>
      ) : overview.isError || !data ? (
        <div role="alert" className={styles.notes}>
          <p>The numbers could not load: {overview.error?.message ?? 'no answer'}</p>
          <button type="button" className={styles.button} onClick={() => void overview.refetch()}>
            Try again
          </button>
        </div>
      ) : (
        <>
          <CoverageNotes
            providers={data.providers}
            days={data.days}
            previousGaps={data.previousPeriodGaps}
            previousPeriod={data.previousPeriod}
          />
          <section className={styles.section} aria-labelledby="kpis-heading">
            <h3 id="kpis-heading" className={styles.srOnly}>
              Key figures
            </h3>
            <KpiCards cards={cards} comparedWith={`previous ${days} days`} />
          </section>
          <MetricChart days={data.days} providers={chartProviders} />
          <CampaignsTable rows={data.campaigns} omitted={data.campaignsOmitted} range={range} />
          <CreativesGallery creatives={data.creatives} omitted={data.creativesOmitted} rangeDays={days} />
        </>
      )}
    </section>
  );
}
