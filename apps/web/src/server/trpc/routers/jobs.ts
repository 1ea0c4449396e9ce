import { tracked } from '@trpc/server';
import { z } from 'zod';
import { targetUser } from '../../auth/target-user';
import { watchJobs } from '../../handlers/job-events';
import { jobHistory, recentJobs } from '../../handlers/jobs';
import { JobHistoryInput, RecentJobsInput, userIdField } from '../../handlers/schemas';
import { firestore } from '../../services';
import { type JobStreamSlot, openJobStream } from '../../user-limits';
import { authedProcedure, cronAllowedProcedure, router } from '../init';

const WatchJobsInput = z
  .object({
    userId: userIdField.optional(),
    limit: z
      .int({ error: 'must be a whole number' })
      .min(1, { error: 'must be at least 1' })
      .max(50, { error: 'must be at most 50' })
      .default(20),
    /** Sent back by the client on reconnect; the stream restarts from the current state anyway. */
    lastEventId: z.string().nullish(),
  })
  .default({ limit: 20 });

export const jobsRouter = router({
  recent: cronAllowedProcedure
    .input(RecentJobsInput.default({ limit: 20 }))
    .query(({ ctx, input }) => recentJobs(ctx.caller, input)),

  /** The job history page: newest first, `limit` per page, `cursor` from the previous page. */
  history: cronAllowedProcedure
    .input(JobHistoryInput.default({ limit: 25 }))
    .query(({ ctx, input }) => jobHistory(ctx.caller, input)),

  /**
   * Live sync job progress and status changes (SSE). The current jobs come first as `added`, then
   * every change as it happens. Authenticate with the session cookie (same origin) or a bearer
   * token through an EventSource ponyfill. People only: each stream holds a Firestore listener, and
   * streams are limited per user.
   */
  onChange: authedProcedure.input(WatchJobsInput).subscription(async ({ ctx, input, signal }) => {
    // Checked before the stream starts, so a cross-tenant request fails as FORBIDDEN, not mid-stream.
    const userId = targetUser(ctx.caller, input.userId);
    // The signed-in person's own slots (an admin watching someone counts as the admin).
    const slot = await openJobStream(ctx.caller.uid);
    // Also on abort: a stream closed before its first read never runs the generator's `finally`.
    // A client gone before the slot was taken has aborted already, and no abort event comes again.
    if (signal?.aborted) void slot.release();
    else signal?.addEventListener('abort', () => void slot.release(), { once: true });
    const ends = signal ? AbortSignal.any([signal, slot.lost]) : slot.lost;
    return trackedJobEvents(userId, input.limit, ends, slot);
  }),
});

async function* trackedJobEvents(userId: string, limit: number, signal: AbortSignal, slot: JobStreamSlot) {
  try {
    for await (const event of watchJobs(firestore(), userId, { limit, signal })) {
      yield tracked(event.eventId, event);
    }
    // The slot was lost (not the client gone): end with the refusal, so the client reconnects later.
    if (slot.lost.aborted) throw slot.lost.reason;
  } finally {
    await slot.release();
  }
}
