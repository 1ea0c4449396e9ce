import 'server-only';
import { SyncJobSchema, SyncJobsRepository, syncJobsCollectionPath, zodConverter } from '@cohorts/core';
import type { z } from 'zod';
import type { Caller } from '../auth/caller';
import { targetUser } from '../auth/target-user';
import { InputError } from '../http/validation';
import { firestore } from '../services';
import type { JobHistoryInput, RecentJobsInput } from './schemas';
import { syncJobView } from './views';

/** The user's most recent sync jobs, newest first. */
export async function recentJobs(caller: Caller, input: z.infer<typeof RecentJobsInput>) {
  const userId = targetUser(caller, input.userId);
  const jobs = await new SyncJobsRepository(firestore()).listRecent(userId, input.limit, input.providerId);
  return { userId, jobs: jobs.map(syncJobView) };
}

const converter = zodConverter(SyncJobSchema);

/**
 * The job history, a page at a time, newest first. The cursor is the id of the last job of the
 * previous page (the page continues after that job's position), so paging holds while new jobs arrive.
 */
export async function jobHistory(caller: Caller, input: z.infer<typeof JobHistoryInput>) {
  const userId = targetUser(caller, input.userId);
  const collection = firestore().collection(syncJobsCollectionPath(userId));
  let query = collection.orderBy('createdAt', 'desc');
  if (input.providerId) query = query.where('providerId', '==', input.providerId);
  if (input.cursor) {
    const after = await collection.doc(input.cursor).get();
    if (!after.exists)
      throw InputError.of('cursor', 'names no job of this user; start again from the first page');
    query = query.startAfter(after);
  }
  // One more than asked tells whether another page follows.
  const snapshot = await query
    .limit(input.limit + 1)
    .withConverter(converter)
    .get();
  const jobs = snapshot.docs.slice(0, input.limit).map((doc) => syncJobView({ ...doc.data(), id: doc.id }));
  const hasMore = snapshot.size > input.limit;
  return { userId, jobs, nextCursor: hasMore ? (jobs.at(-1)?.id ?? null) : null };
}
