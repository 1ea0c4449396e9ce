import { ProcessNextInput, processNext } from '../../api/process';
import { schedule } from '../../api/schedule';
import { ScheduleInput } from '../../api/schemas';
import { adminOrCronProcedure, adminProcedure, router } from '../init';

export const adminRouter = router({
  /** Admin tooling: run the scheduler now for a user or every user (`force` for on-demand backfills). */
  schedule: adminProcedure.input(ScheduleInput).mutation(({ ctx, input }) => schedule(ctx.caller, input)),
  /** Process the next waiting sync job here and now (mirrors `POST /api/integrations/process`). */
  processNext: adminOrCronProcedure
    .input(ProcessNextInput)
    .mutation(({ ctx, input }) => processNext(ctx.caller, input)),
});
