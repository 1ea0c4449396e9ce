import 'server-only';
import type { z } from 'zod';
import type { Caller } from '../auth/caller';
import { resolveTarget } from '../auth/guards';
import { syncScheduler } from '../services';
import type { ScheduleInput } from './schemas';

/**
 * Runs the scheduling policy now, for one user or (admins, cron) every user: integrations that are
 * due get a `scheduled-sync` job; `force` re-queues even recently synced ones. Users may schedule
 * only themselves; a cron request must name `userId` or `allUsers: true`.
 */
export async function schedule(caller: Caller, input: z.infer<typeof ScheduleInput>) {
  const target = resolveTarget(caller, input);
  const options = { force: input.force, failureThresholdOverride: input.failureThresholdOverride };
  const scheduler = syncScheduler();
  const summary =
    target.kind === 'all-users'
      ? await scheduler.scheduleAllUsers(options)
      : await scheduler.scheduleUser(target.userId, options);
  return {
    target: target.kind === 'all-users' ? ('all-users' as const) : ('user' as const),
    userId: target.kind === 'user' ? target.userId : null,
    force: input.force,
    ...summary,
  };
}
