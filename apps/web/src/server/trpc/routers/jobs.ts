import { tracked } from '@trpc/server';
import { z } from 'zod';
import { targetUser } from '../../auth/target-user';
import { watchJobs } from '../../handlers/job-events';
import { jobHistory, recentJobs } from '../../handlers/jobs';
import { JobHistoryInput, RecentJobsInput, userIdField } from '../../handlers/schemas';
import { firestore } from '../../services';
import { openJobStream } from '../../user-limits';
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
    const release = await openJobStream(ctx.caller.uid);
    // Also on abort: a stream closed before its first read never runs the generator's `finally`.
    signal?.addEventListener('abort', () => void release(), { once: true });
    return trackedJobEvents(userId, input.limit, signal, release);
  }),
});

async function* trackedJobEvents(
  userId: string,
  limit: number,
  signal: AbortSignal | undefined,
  release: () => Promise<void>,
) {
  try {
    for await (const event of watchJobs(firestore(), userId, { limit, signal })) {
      yield tracked(event.eventId, event);
    }
  } finally {
    await release();
  }
}
