'use client';

import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/trpc/app-router';

/** Same-origin tRPC client: the HttpOnly session cookie authenticates queries, mutations and SSE. */
export const trpc = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: (op) => op.type === 'subscription',
      true: httpSubscriptionLink({ url: '/api/trpc' }),
      false: httpLink({ url: '/api/trpc' }),
    }),
  ],
});

type Outputs = inferRouterOutputs<AppRouter>;
export type ProviderEntry = Outputs['integrations']['list']['providers'][number];
export type JobView = Outputs['jobs']['recent']['jobs'][number];
