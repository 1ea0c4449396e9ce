'use client';

import { type ProviderId, providerDisplayNames } from '@cohorts/core/contract';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { isLinkErrorCode, linkErrorMessages } from '@/shared/link-outcomes';
import styles from './dashboard.module.css';
import { liveJobOf, useJobsLive, useRecentJobs } from './data/live-jobs';
import { useTRPC } from './data/trpc';
import { JobsTable } from './jobs/jobs-table';
import { AccountPicker } from './platforms/account-picker';
import { DisconnectDialog } from './platforms/disconnect-dialog';
import { LinkedCard, UnlinkedCard } from './platforms/provider-card';
import { Skeleton } from './ui/skeleton';

const streamLabels = {
  live: '(live)',
  connecting: '(connecting…)',
  polling: '(refreshing every 2 s)',
} as const;

type Banner = { kind: 'ok' | 'error'; text: string };

const slugProviders: Record<string, ProviderId> = {
  google: 'google',
  meta: 'facebook',
  linkedin: 'linkedin',
  tiktok: 'tiktok',
};

/** The OAuth callback's outcome (`?linked=`, `&pick=1`, `?linkError=`), as a sentence of ours: codes only come from the URL. */
function outcomeFromUrl(params: URLSearchParams): { banner: Banner | null; pick: ProviderId | null } {
  const linked = slugProviders[params.get('linked') ?? ''];
  if (linked) {
    const pick = params.get('pick') === '1';
    const name = providerDisplayNames[linked];
    return {
      banner: {
        kind: 'ok',
        text: pick
          ? `${name} is linked. Choose the ad accounts to sync; the 90-day backfill starts with your choice.`
          : `${name} is linked. Its 90-day backfill is under way.`,
      },
      pick: pick ? linked : null,
    };
  }
  const code = params.get('linkError');
  if (code === null) return { banner: null, pick: null };
  const provider = slugProviders[params.get('provider') ?? ''];
  const reason = isLinkErrorCode(code) ? linkErrorMessages[code] : 'Linking did not complete; start again.';
  return {
    banner: {
      kind: 'error',
      text: `${provider ? providerDisplayNames[provider] : 'The platform'}: ${reason}`,
    },
    pick: null,
  };
}

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
    const outcome = outcomeFromUrl(params);
    if (!outcome.banner) return;
    setBanner(outcome.banner);
    setPicking(outcome.pick);
    for (const key of ['linked', 'linkError', 'provider', 'pick']) params.delete(key);
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
