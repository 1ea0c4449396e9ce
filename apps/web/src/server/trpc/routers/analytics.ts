import { insights } from '../../api/insights';
import { InsightsInput } from '../../api/schemas';
import { callerProcedure, router } from '../init';

export const analyticsRouter = router({
  insights: callerProcedure.input(InsightsInput).query(({ ctx, input }) => insights(ctx.caller, input)),
});
