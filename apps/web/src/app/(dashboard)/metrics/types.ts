import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/trpc/app-router';

type MetricsOverview = inferRouterOutputs<AppRouter>['metrics']['overview'];
export type OverviewProvider = MetricsOverview['providers'][number];
export type CreativeCard = MetricsOverview['creatives'][number];
