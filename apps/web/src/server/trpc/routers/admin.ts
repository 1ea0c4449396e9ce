import { schedule } from '../../api/schedule';
import { ScheduleInput } from '../../api/schemas';
import { adminProcedure, router } from '../init';

export const adminRouter = router({
  /** Admin tooling: run the scheduler now for a user or every user (`force` for on-demand backfills). */
  schedule: adminProcedure.input(ScheduleInput).mutation(({ ctx, input }) => schedule(ctx.caller, input)),
});
