import { dailyMetrics } from '../../handlers/metrics';
import { MetricsOverviewInput, metricsOverview } from '../../handlers/metrics-overview';
import { MetricsRangeInput } from '../../handlers/schemas';
import { authedProcedure, cronAllowedProcedure, router } from '../init';

export const metricsRouter = router({
  daily: cronAllowedProcedure
    .input(MetricsRangeInput)
    .query(({ ctx, input }) => dailyMetrics(ctx.caller, input)),
  /** The dashboard's Metrics panel: KPIs, days, campaigns, creatives and coverage for a range. */
  overview: authedProcedure
    .input(MetricsOverviewInput)
    .query(({ ctx, input }) => metricsOverview(ctx.caller, input)),
});
