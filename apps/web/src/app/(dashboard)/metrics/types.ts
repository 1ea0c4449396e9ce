import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/trpc/app-router';

export type MetricsOverview = inferRouterOutputs<AppRouter>['metrics']['overview'];
export type OverviewDay = MetricsOverview['days'][number];
export type OverviewProvider = MetricsOverview['providers'][number];
export type CampaignRow = MetricsOverview['campaigns'][number];
export type CreativeCard = MetricsOverview['creatives'][number];
export type CurrencyInsight = MetricsOverview['blended'][number];
