'use client';

import {
  type DehydratedState,
  HydrationBoundary,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { signOut } from 'firebase/auth';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { type ReactNode, useSyncExternalStore } from 'react';
import type { FirebaseClientConfig } from './client-config';
import styles from './dashboard.module.css';
import { ClockProvider } from './data/clock';
import { LiveJobsProvider } from './data/live-jobs';
import { isUnauthenticated, TRPCReactProvider, useTRPC } from './data/trpc';
import { browserAuth } from './firebase-client';
import { SignIn } from './sign-in';
import { Skeleton } from './ui/skeleton';

export function DashboardShell({
  firebase,
  prefetched,
  children,
}: {
  firebase: FirebaseClientConfig;
  /** Queries the server already answered for this request (no waterfall on first load). */
  prefetched: DehydratedState;
  children: ReactNode;
}) {
  return (
    <TRPCReactProvider>
      <HydrationBoundary state={prefetched}>
        <ClockProvider>
          <SessionGate firebase={firebase}>{children}</SessionGate>
        </ClockProvider>
      </HydrationBoundary>
    </TRPCReactProvider>
  );
}

function Nav({ isAdmin }: { isAdmin: boolean }) {
  const pathname = usePathname();
  const current = (href: string) => (pathname === href ? 'page' : undefined);
  return (
    <nav aria-label="Main" className={styles.nav}>
      <Link href="/" aria-current={current('/')}>
        Overview
      </Link>
      <Link href="/jobs" aria-current={current('/jobs')}>
        Job history
      </Link>
      {isAdmin ? (
        // Bull Board is a server-rendered app of its own: a full page load, not a client route.
        <a href="/admin/queues">Queues (Bull Board)</a>
      ) : null}
    </nav>
  );
}

/**
 * Who is here decides what shows: the integrations list answers 401 without a session, which is
 * the sign-in form; any other answer is the dashboard.
 */
const noSubscription = () => () => {};

function SessionGate({ firebase, children }: { firebase: FirebaseClientConfig; children: ReactNode }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.integrations.list.queryOptions({}));
  const signedOut = list.isError && isUnauthenticated(list.error);
  // Times and dates read the browser's clock, zone and language: render them in the browser only (the
  // prefetched data is already in the cache, so the first client render has it without a request).
  const inBrowser = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const signedIn = list.isSuccess && inBrowser;

  const signOutEverywhere = useMutation({
    mutationFn: async () => {
      await fetch('/api/session', { method: 'DELETE' });
      await signOut(browserAuth(firebase)).catch(() => undefined);
    },
    // Nothing of this user stays in the cache for the next one; the list then answers 401: the sign-in form.
    onSettled: () => queryClient.resetQueries(),
  });

  return (
    <div className={styles.page}>
      <header className={styles.pageHeader}>
        <div className={styles.brand}>
          <h1>Ads Hub</h1>
          {signedIn ? <Nav isAdmin={list.data.viewerRole === 'admin'} /> : null}
        </div>
        {signedIn ? (
          <button
            type="button"
            className={styles.secondary}
            disabled={signOutEverywhere.isPending}
            onClick={() => signOutEverywhere.mutate()}
          >
            Sign out
          </button>
        ) : null}
      </header>
      <main>
        {list.isPending || (list.isSuccess && !inBrowser) ? (
          <Skeleton label="Loading your dashboard" lines={6} />
        ) : null}
        {signedOut ? (
          <SignIn
            firebase={firebase}
            onSignedIn={() =>
              void queryClient.invalidateQueries({ queryKey: trpc.integrations.list.queryKey({}) })
            }
          />
        ) : null}
        {list.isError && !signedOut ? (
          <div role="alert" className={styles.bannerError}>
            <span>The dashboard could not load: {list.error.message}</span>
            <button type="button" className={styles.secondary} onClick={() => void list.refetch()}>
              Try again
            </button>
          </div>
        ) : null}
        {signedIn ? <LiveJobsProvider enabled>{children}</LiveJobsProvider> : null}
      </main>
    </div>
  );
}
