import type { AdAccount, AdIntegration, SyncJobRecord } from '@cohorts/core/contract';
import type { SyncServices } from '../services';
import {
  type AccountDateWindow,
  accountsToSync,
  accountWindows,
  syncWindowDays,
  windowSpan,
} from '../window';

/** Which accounts and dates a sync covers. */
export interface SyncPlan {
  accounts: AdAccount[];
  windows: AccountDateWindow[];
  /** Earliest start to latest end over all windows; null when there is no account to sync. */
  span: { start: string; end: string } | null;
  /**
   * The span's write to the job document, left running while the fetch starts (job-document
   * writes are serialized per job, so it lands before progress and the ending); await it before
   * writing days, so a lost claim stops the sync there.
   */
  recorded: Promise<void>;
}

/** The plan of a job on an integration at `now` (pure: see `window.ts` for the rules). */
function syncPlan(record: SyncJobRecord, integration: AdIntegration, now: Date) {
  const accounts = accountsToSync(integration);
  const windows = accountWindows(record.providerId, accounts, syncWindowDays(record, integration), now);
  return { accounts, windows, span: windowSpan(windows) };
}

/** Step 3: the accounts and account-local windows to sync; the span is recorded on the job. */
export function planWindows(
  services: Pick<SyncServices, 'jobs' | 'now' | 'workerId'>,
  record: SyncJobRecord,
  integration: AdIntegration,
): SyncPlan {
  const plan = syncPlan(record, integration, services.now());
  const recorded = plan.span
    ? services.jobs.recordWindow(record.userId, record.id, services.workerId, plan.span)
    : Promise.resolve();
  recorded.catch(() => undefined); // observed where it is awaited; not unhandled if the fetch fails first
  return { ...plan, recorded };
}
