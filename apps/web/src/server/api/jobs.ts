import 'server-only';
import { SyncJobsRepository } from '@cohorts/core';
import type { z } from 'zod';
import type { Caller } from '../auth/caller';
import { firestore } from '../services';
import { targetUser } from './integrations';
import type { RecentJobsInput } from './schemas';
import { syncJobView } from './views';

/** The user's most recent sync jobs, newest first. */
export async function recentJobs(caller: Caller, input: z.infer<typeof RecentJobsInput>) {
  const userId = targetUser(caller, input.userId);
  const jobs = await new SyncJobsRepository(firestore()).listRecent(userId, input.limit, input.providerId);
  return { userId, jobs: jobs.map(syncJobView) };
}
