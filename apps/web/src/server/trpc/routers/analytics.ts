import { insights } from '../../api/insights';
import { InsightsInput } from '../../api/schemas';
import { cronAllowedProcedure, router } from '../init';

export const analyticsRouter = router({
  insights: cronAllowedProcedure.input(InsightsInput).query(({ ctx, input }) => insights(ctx.caller, input)),
});
