import { dailyMetrics } from '../../api/metrics';
import { MetricsRangeInput } from '../../api/schemas';
import { callerProcedure, router } from '../init';

export const metricsRouter = router({
  daily: callerProcedure.input(MetricsRangeInput).query(({ ctx, input }) => dailyMetrics(ctx.caller, input)),
});
