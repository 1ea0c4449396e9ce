import { insights } from '../../handlers/insights';
import { InsightsInput } from '../../handlers/schemas';
import { cronAllowedProcedure, router } from '../init';

export const analyticsRouter = router({
  insights: cronAllowedProcedure.input(InsightsInput).query(({ ctx, input }) => insights(ctx.caller, input)),
});
