'use client';

import type { ProviderId } from '@cohorts/core/contract';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import styles from './dashboard.module.css';
import { liveJobOf, useJobsLive, useRecentJobs } from './data/live-jobs';
import { useTRPC } from './data/trpc';
import { JobsTable } from './jobs/jobs-table';
import { AccountPicker } from './platforms/account-picker';
import { DisconnectDialog } from './platforms/disconnect-dialog';
import { type Banner, linkOutcomeFromUrl, linkOutcomeParams } from './platforms/link-outcome';
import { LinkedCard, UnlinkedCard } from './platforms/provider-card';
import { Skeleton } from './ui/skeleton';

const streamLabels = {
  live: '(live)',
  connecting: '(connecting…)',
  polling: '(refreshing every 2 s)',
} as const;

function EmptyState() {
  return (
    <section className={styles.emptyState} aria-labelledby="empty-heading">
      <h2 id="empty-heading">Link a platform to see your numbers</h2>
      <p>
        Connect Google Ads, Meta, LinkedIn or TikTok. You choose which ad accounts to sync; we fetch their
        last 90 days of daily campaign numbers and keep them fresh on a schedule.
      </p>
    </section>
  );
}

export function Overview({ metrics }: { metrics?: React.ReactNode }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.integrations.list.queryOptions({}));
  const jobs = useRecentJobs();
  const stream = useJobsLive();
  const [banner, setBanner] = useState<Banner | null>(null);
  const [picking, setPicking] = useState<ProviderId | null>(null);
  const [disconnecting, setDisconnecting] = useState<ProviderId | null>(null);

  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    const outcome = linkOutcomeFromUrl(params);
    if (!outcome.banner) return;
    setBanner(outcome.banner);
    setPicking(outcome.pick);
    for (const key of linkOutcomeParams) params.delete(key);
    const rest = params.toString();
    window.history.replaceState(null, '', `${window.location.pathname}${rest ? `?${rest}` : ''}`);
  }, []);

  if (!list.data) return <Skeleton label="Loading platforms" lines={6} />;
  const providers = list.data.providers;
  const linkedCount = providers.filter((p) => p.integration).length;
  const canEditAutomation = list.data.viewerRole !== 'user';
  const pickingIntegration = providers.find((p) => p.providerId === picking)?.integration ?? null;
  const disconnectingIntegration = providers.find((p) => p.providerId === disconnecting)?.integration ?? null;

  return (
    <>
      {banner ? (
        <div
          role={banner.kind === 'error' ? 'alert' : 'status'}
          className={banner.kind === 'error' ? styles.bannerError : styles.bannerOk}
        >
          <span>{banner.text}</span>
          <button
            type="button"
            className={styles.iconButton}
            aria-label="Dismiss message"
            onClick={() => setBanner(null)}
          >
            ×
          </button>
        </div>
      ) : null}

      {linkedCount === 0 ? <EmptyState /> : metrics}

      <section aria-labelledby="platforms-heading" className={styles.section}>
        <h2 id="platforms-heading">Platforms</h2>
        <div className={styles.grid}>
          {providers.map((entry) =>
            entry.integration ? (
              <LinkedCard
                key={entry.providerId}
                integration={entry.integration}
                liveJob={liveJobOf(jobs.data?.jobs, entry.providerId)}
                canEditAutomation={canEditAutomation}
                onChooseAccounts={() => setPicking(entry.providerId)}
                onDisconnect={() => setDisconnecting(entry.providerId)}
              />
            ) : (
              <UnlinkedCard key={entry.providerId} providerId={entry.providerId} />
            ),
          )}
        </div>
      </section>

      <section aria-labelledby="jobs-heading" className={styles.section}>
        <div className={styles.sectionHeader}>
          <h2 id="jobs-heading">
            Recent sync jobs <span className={styles.muted}>{streamLabels[stream]}</span>
          </h2>
          <Link href="/jobs">All jobs</Link>
        </div>
        {jobs.data ? (
          <JobsTable jobs={jobs.data.jobs.slice(0, 8)} caption="The latest sync jobs, updating live" />
        ) : (
          <Skeleton label="Loading recent jobs" lines={4} />
        )}
      </section>

      {pickingIntegration ? (
        <AccountPicker
          integration={pickingIntegration}
          open
          onClose={() => setPicking(null)}
          onDone={(text) => setBanner({ kind: 'ok', text })}
        />
      ) : null}
      {disconnectingIntegration ? (
        <DisconnectDialog
          integration={disconnectingIntegration}
          open
          onClose={() => setDisconnecting(null)}
          onDone={(result) => setBanner({ kind: result.ok ? 'ok' : 'error', text: result.message })}
        />
      ) : null}
    </>
  );
}
