import 'server-only';
import { SyncJobSchema, syncJobsCollectionPath, zodConverter } from '@cohorts/core';
import type { Firestore } from 'firebase-admin/firestore';
import { type SyncJobView, syncJobView } from './views';

export interface JobEvent {
  /** `added` covers the jobs already there when the stream opens, so the client starts complete. */
  change: 'added' | 'modified' | 'removed';
  job: SyncJobView;
  /** Unique per document version; a reconnecting client sends the last one it saw. */
  eventId: string;
}

const converter = zodConverter(SyncJobSchema);

let openWatchers = 0;

/** Listeners currently open in this process (each open stream holds one; a leak shows here). */
export function openJobWatchers(): number {
  return openWatchers;
}

/**
 * Streams a user's sync jobs as they change: a Firestore snapshot listener on
 * `users/{uid}/syncJobs` (newest `limit` jobs). Firestore pushes every write the worker makes
 * (progress, status) within a fraction of a second; the listener is removed when the consumer stops
 * (the client disconnected: `signal` aborts) or an error ends the stream.
 */
export async function* watchJobs(
  db: Firestore,
  userId: string,
  options: { limit: number; signal: AbortSignal | undefined },
): AsyncGenerator<JobEvent> {
  const pending: JobEvent[] = [];
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };

  const unsubscribe = db
    .collection(syncJobsCollectionPath(userId))
    .orderBy('createdAt', 'desc')
    .limit(options.limit)
    .withConverter(converter)
    .onSnapshot(
      (snapshot) => {
        for (const change of snapshot.docChanges()) {
          const job = { ...change.doc.data(), id: change.doc.id };
          pending.push({
            change: change.type,
            job: syncJobView(job),
            eventId: `${change.doc.id}@${change.doc.updateTime.toMillis()}`,
          });
        }
        notify();
      },
      (error) => {
        failure = error;
        notify();
      },
    );
  openWatchers += 1;
  const onAbort = () => notify();
  options.signal?.addEventListener('abort', onAbort);

  try {
    while (!options.signal?.aborted) {
      const next = pending.shift();
      if (next) {
        yield next;
        continue;
      }
      if (failure) throw failure;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    unsubscribe();
    openWatchers -= 1;
  }
}
