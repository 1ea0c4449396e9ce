import 'server-only';
import type { z } from 'zod';
import type { Caller } from '../auth/caller';
import { requireOperatorFields, resolveTarget } from '../auth/guards';
import { syncScheduler } from '../services';
import type { ScheduleInput } from './schemas';

/**
 * Runs the scheduling policy now, for one user or (admins, cron) every user: integrations that are
 * due get a `scheduled-sync` job; `force` re-queues even recently synced ones. Users may schedule
 * only themselves, without `force` or `failureThresholdOverride`; a cron request must name `userId`
 * or `allUsers: true`.
 */
export async function schedule(caller: Caller, input: z.infer<typeof ScheduleInput>) {
  // Each of these changes what the scheduler does for everyone watching (a forced re-queue, an
  // alert threshold that opens and resolves incidents), so users may not pass them.
  requireOperatorFields(caller, input, ['force', 'failureThresholdOverride']);
  const target = resolveTarget(caller, input);
  const force = input.force ?? false;
  const options = { force, failureThresholdOverride: input.failureThresholdOverride };
  const scheduler = syncScheduler();
  const summary =
    target.kind === 'all-users'
      ? await scheduler.scheduleAllUsers(options)
      : await scheduler.scheduleUser(target.userId, options);
  return {
    target: target.kind === 'all-users' ? ('all-users' as const) : ('user' as const),
    userId: target.kind === 'user' ? target.userId : null,
    force,
    ...summary,
  };
}
