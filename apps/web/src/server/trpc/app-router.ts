import { router } from './init';
import { analyticsRouter } from './routers/analytics';
import { integrationsRouter } from './routers/integrations';
import { jobsRouter } from './routers/jobs';
import { metricsRouter } from './routers/metrics';

export const appRouter = router({
  integrations: integrationsRouter,
  jobs: jobsRouter,
  metrics: metricsRouter,
  analytics: analyticsRouter,
});

export type AppRouter = typeof appRouter;
