import type { ReactNode } from 'react';
import { webEnv } from '@/server/env';
import type { FirebaseClientConfig } from './client-config';
import { prefetchDashboard } from './data/prefetch';
import { DashboardShell } from './shell';

export const dynamic = 'force-dynamic';

/** Every dashboard page: the data layer, the one clock, sign-in, the header and navigation. */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const env = webEnv();
  const firebase: FirebaseClientConfig = {
    apiKey: env.FIREBASE_WEB_API_KEY,
    projectId: env.FIREBASE_PROJECT_ID,
    authDomain: env.FIREBASE_AUTH_DOMAIN ?? `${env.FIREBASE_PROJECT_ID}.firebaseapp.com`,
    authEmulatorHost: env.FIREBASE_AUTH_EMULATOR_HOST ?? null,
  };
  return (
    <DashboardShell firebase={firebase} prefetched={await prefetchDashboard()}>
      {children}
    </DashboardShell>
  );
}
