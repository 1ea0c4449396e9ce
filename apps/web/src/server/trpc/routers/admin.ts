import { ProcessNextInput, processNext } from '../../handlers/process';
import { schedule } from '../../handlers/schedule';
import { ScheduleInput } from '../../handlers/schemas';
import { adminOrCronProcedure, router } from '../init';

export const adminRouter = router({
  /**
   * Run the scheduler now for a user or every user (`force` for on-demand backfills); admin tooling
   * and the cron key (mirrors `POST /api/integrations/schedule`).
   */
  schedule: adminOrCronProcedure
    .input(ScheduleInput)
    .mutation(({ ctx, input }) => schedule(ctx.caller, input)),
  /** Process the next waiting sync job here and now (mirrors `POST /api/integrations/process`). */
  processNext: adminOrCronProcedure
    .input(ProcessNextInput)
    .mutation(({ ctx, input }) => processNext(ctx.caller, input)),
});
