import { router } from './init';
import { adminRouter } from './routers/admin';
import { analyticsRouter } from './routers/analytics';
import { integrationsRouter } from './routers/integrations';
import { jobsRouter } from './routers/jobs';
import { metricsRouter } from './routers/metrics';

export const appRouter = router({
  integrations: integrationsRouter,
  jobs: jobsRouter,
  metrics: metricsRouter,
  analytics: analyticsRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;
