import type { ReactNode } from 'react';
import { z } from 'zod';
import type { FirebaseClientConfig } from './client-config';
import { prefetchDashboard } from './data/prefetch';
import { DashboardShell } from './shell';

export const dynamic = 'force-dynamic';

const ClientEnvSchema = z.object({
  FIREBASE_PROJECT_ID: z.string().default('demo-cohorts'),
  /** The Firebase web app's API key (public by design); any value works against the Auth emulator. */
  FIREBASE_WEB_API_KEY: z.string().default('demo-api-key'),
  FIREBASE_AUTH_DOMAIN: z.string().optional(),
  FIREBASE_AUTH_EMULATOR_HOST: z.string().optional(),
});

/** Every dashboard page: the data layer, the one clock, sign-in, the header and navigation. */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const env = ClientEnvSchema.parse(process.env);
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
