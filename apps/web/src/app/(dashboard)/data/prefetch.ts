import 'server-only';
import { type DehydratedState, dehydrate, QueryClient } from '@tanstack/react-query';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { headers } from 'next/headers';
import { appRouter } from '@/server/trpc/app-router';
import { createTrpcContext } from '@/server/trpc/context';
import { recentJobsInput } from './live-jobs-input';

/**
 * What the first paint needs, read on the server with the request's session cookie: the platforms
 * and the recent jobs arrive with the HTML instead of after the scripts load and ask. Signed out
 * (401), nothing is prefetched and the page shows the sign-in form as before.
 */
export async function prefetchDashboard(): Promise<DehydratedState> {
  const queryClient = new QueryClient();
  try {
    const requestHeaders = await headers();
    const trpc = createTRPCOptionsProxy({
      router: appRouter,
      ctx: () => createTrpcContext({ headers: requestHeaders }),
      queryClient,
    });
    await Promise.all([
      queryClient.prefetchQuery(trpc.integrations.list.queryOptions({})),
      queryClient.prefetchQuery(trpc.jobs.recent.queryOptions(recentJobsInput)),
    ]);
  } catch (error) {
    // The browser asks again on its own; a failed prefetch only costs the head start.
    console.warn('dashboard prefetch failed', error);
  }
  return dehydrate(queryClient);
}
