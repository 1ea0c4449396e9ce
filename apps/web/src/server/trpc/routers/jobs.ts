import { recentJobs } from '../../api/jobs';
import { RecentJobsInput } from '../../api/schemas';
import { callerProcedure, router } from '../init';

export const jobsRouter = router({
  recent: callerProcedure
    .input(RecentJobsInput.default({ limit: 20 }))
    .query(({ ctx, input }) => recentJobs(ctx.caller, input)),
});
