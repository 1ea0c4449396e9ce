'use client';

import { type ProviderId, providerDisplayNames } from '@cohorts/core/contract';
import { TRPCClientError } from '@trpc/client';
import { signOut } from 'firebase/auth';
import { useCallback, useEffect, useRef, useState } from 'react';
import { isLinkErrorCode, linkErrorMessages } from '@/shared/link-outcomes';
import type { FirebaseClientConfig } from './client-config';
import styles from './dashboard.module.css';
import { browserAuth } from './firebase-client';
import { JobsList } from './jobs-list';
import { ProviderCard } from './provider-card';
import { SignIn } from './sign-in';
import { type JobView, type ProviderEntry, trpc } from './trpc-client';

type Banner = { kind: 'ok' | 'error'; text: string };
type Session = { state: 'loading' } | { state: 'signed-out' } | { state: 'signed-in'; userId: string };

const slugNames: Record<string, string> = {
  google: providerDisplayNames.google,
  meta: providerDisplayNames.facebook,
  linkedin: providerDisplayNames.linkedin,
  tiktok: providerDisplayNames.tiktok,
};

/** The `?linked=` / `?linkError=` outcome of an OAuth callback, as a sentence (codes only come from the URL). */
function bannerFromUrl(params: URLSearchParams): Banner | null {
  const linked = params.get('linked');
  if (linked && slugNames[linked]) {
    return { kind: 'ok', text: `${slugNames[linked]} is linked. Its 90-day backfill is queued below.` };
  }
  const code = params.get('linkError');
  if (code === null) return null;
  const provider = slugNames[params.get('provider') ?? ''] ?? 'The platform';
  const reason = isLinkErrorCode(code) ? linkErrorMessages[code] : 'Linking did not complete; start again.';
  return { kind: 'error', text: `${provider}: ${reason}` };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : 'Something went wrong; try again.';
}

function isUnauthenticated(error: unknown): boolean {
  return error instanceof TRPCClientError && error.data?.httpStatus === 401;
}

export function Dashboard({ firebase }: { firebase: FirebaseClientConfig }) {
  const [session, setSession] = useState<Session>({ state: 'loading' });
  const [providers, setProviders] = useState<ProviderEntry[]>([]);
  const [jobs, setJobs] = useState<JobView[]>([]);
  const [live, setLive] = useState(false);
  const [banner, setBanner] = useState<Banner | null>(null);
  const [busy, setBusy] = useState<ProviderId | null>(null);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const loadProviders = useCallback(async () => {
    try {
      const result = await trpc.integrations.list.query({});
      setProviders(result.providers);
      setSession({ state: 'signed-in', userId: result.userId });
    } catch (error) {
      if (isUnauthenticated(error)) setSession({ state: 'signed-out' });
      else setBanner({ kind: 'error', text: messageOf(error) });
    }
  }, []);

  // The integration's status changes with its jobs: refresh it shortly after job events settle.
  const scheduleProvidersRefresh = useCallback(() => {
    if (refreshTimer.current) clearTimeout(refreshTimer.current);
    refreshTimer.current = setTimeout(() => void loadProviders(), 300);
  }, [loadProviders]);

  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    const fromUrl = bannerFromUrl(params);
    if (fromUrl) {
      setBanner(fromUrl);
      for (const key of ['linked', 'linkError', 'provider']) params.delete(key);
      const rest = params.toString();
      window.history.replaceState(null, '', `${window.location.pathname}${rest ? `?${rest}` : ''}`);
    }
    void loadProviders();
  }, [loadProviders]);

  // Live job progress over SSE (jobs.onChange); if the stream fails, poll jobs.recent every 2 s.
  useEffect(() => {
    if (session.state !== 'signed-in') return;
    let pollTimer: ReturnType<typeof setInterval> | null = null;
    const poll = () => {
      trpc.jobs.recent
        .query({ limit: 20 })
        .then((result) => setJobs(result.jobs))
        .catch(() => undefined);
    };
    const subscription = trpc.jobs.onChange.subscribe(
      { limit: 20 },
      {
        onStarted: () => setLive(true),
        onData: ({ data: event }) => {
          setJobs((current) => {
            const others = current.filter((job) => job.id !== event.job.id);
            const next = event.change === 'removed' ? others : [...others, event.job];
            return next.sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, 20);
          });
          scheduleProvidersRefresh();
        },
        onError: () => {
          setLive(false);
          poll();
          pollTimer ??= setInterval(poll, 2_000);
        },
      },
    );
    return () => {
      subscription.unsubscribe();
      if (pollTimer) clearInterval(pollTimer);
    };
  }, [session.state, scheduleProvidersRefresh]);

  async function runSync(providerId: ProviderId) {
    setBusy(providerId);
    try {
      const result = await trpc.integrations.manualSync.mutate({ providerId });
      setBanner({
        kind: 'ok',
        text: result.created
          ? `${providerDisplayNames[providerId]}: sync queued.`
          : `${providerDisplayNames[providerId]}: a sync is already ${result.job.status}.`,
      });
      await loadProviders();
    } catch (error) {
      setBanner({ kind: 'error', text: `${providerDisplayNames[providerId]}: ${messageOf(error)}` });
    } finally {
      setBusy(null);
    }
  }

  async function disconnect(providerId: ProviderId) {
    const name = providerDisplayNames[providerId];
    if (!window.confirm(`Disconnect ${name}? Stored tokens are deleted; past jobs and metrics are kept.`))
      return;
    setBusy(providerId);
    try {
      const result = await trpc.integrations.disconnect.mutate({ providerId });
      setBanner({ kind: result.revoke.status === 'failed' ? 'error' : 'ok', text: result.message });
      await loadProviders();
    } catch (error) {
      setBanner({ kind: 'error', text: `${name}: ${messageOf(error)}` });
    } finally {
      setBusy(null);
    }
  }

  async function signOutEverywhere() {
    await fetch('/api/session', { method: 'DELETE' });
    await signOut(browserAuth(firebase)).catch(() => undefined);
    setProviders([]);
    setJobs([]);
    setSession({ state: 'signed-out' });
  }

  const liveJobOf = (providerId: ProviderId): JobView | null =>
    jobs.find(
      (job) => job.providerId === providerId && (job.status === 'queued' || job.status === 'running'),
    ) ?? null;

  return (
    <main className={styles.page}>
      <header className={styles.pageHeader}>
        <h1>Ads Hub</h1>
        {session.state === 'signed-in' ? (
          <button type="button" onClick={() => void signOutEverywhere()}>
            Sign out
          </button>
        ) : null}
      </header>
      {banner ? (
        <div
          role={banner.kind === 'error' ? 'alert' : 'status'}
          className={banner.kind === 'error' ? styles.bannerError : styles.bannerOk}
        >
          <span>{banner.text}</span>
          <button type="button" aria-label="Dismiss" onClick={() => setBanner(null)}>
            ×
          </button>
        </div>
      ) : null}
      {session.state === 'loading' ? <p className={styles.muted}>Loading…</p> : null}
      {session.state === 'signed-out' ? (
        <SignIn firebase={firebase} onSignedIn={() => void loadProviders()} />
      ) : null}
      {session.state === 'signed-in' ? (
        <>
          <section aria-labelledby="platforms-heading">
            <h2 id="platforms-heading">Platforms</h2>
            <div className={styles.grid}>
              {providers.map((entry) => (
                <ProviderCard
                  key={entry.providerId}
                  entry={entry}
                  displayName={providerDisplayNames[entry.providerId]}
                  liveJob={liveJobOf(entry.providerId)}
                  busy={busy === entry.providerId}
                  onSync={(id) => void runSync(id)}
                  onDisconnect={(id) => void disconnect(id)}
                />
              ))}
            </div>
          </section>
          <JobsList jobs={jobs} live={live} />
        </>
      ) : null}
    </main>
  );
}
