'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  TRPCClientError,
} from '@trpc/client';
import type { inferRouterOutputs } from '@trpc/server';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { type ReactNode, useState } from 'react';
import type { AppRouter } from '@/server/trpc/app-router';
import { trpcMaxBatchSize } from '@/shared/trpc-limits';

/**
 * The dashboard's one way to talk to the server: tRPC through React Query. Same origin, so the
 * HttpOnly session cookie authenticates queries, mutations and the SSE subscription alike.
 */
const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

export { useTRPC };

type Outputs = inferRouterOutputs<AppRouter>;
type ProviderEntry = Outputs['integrations']['list']['providers'][number];
export type IntegrationView = NonNullable<ProviderEntry['integration']>;
export type JobView = Outputs['jobs']['recent']['jobs'][number];

/** A 401: the session is gone (signed out, expired): show the sign-in form, do not retry. */
export function isUnauthenticated(error: unknown): boolean {
  return error instanceof TRPCClientError && error.data?.httpStatus === 401;
}

/** 4xx answers will not change on retry; network blips and 5xx may. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof TRPCClientError) {
    const status: unknown = error.data?.httpStatus;
    if (typeof status === 'number' && status >= 400 && status < 500) return false;
  }
  return failureCount < 2;
}

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // Live data arrives over the job subscription, which invalidates what it changes.
      queries: { staleTime: 30_000, retry: shouldRetry, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  });
}

function makeTrpcClient() {
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({ url: '/api/trpc' }),
        false: httpBatchLink({ url: '/api/trpc', maxItems: trpcMaxBatchSize }),
      }),
    ],
  });
}

/** Query cache and tRPC client for everything under it; one of each per browser tab. */
export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(makeTrpcClient);
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
