import type { Queue } from 'bullmq';
import type { Firestore } from 'firebase-admin/firestore';
import { type Clock, systemClock } from '../clock/clock';
import type { AdIntegration } from '../contract/ad-integration';
import { isLiveSyncJobStatus } from '../contract/sync-job';
import type { SyncJobData } from '../jobs/catalog';
import { SyncJobService } from '../jobs/sync-job-service';
import { AdIntegrationsRepository } from '../repositories/ad-integrations-repository';
import type { Page } from '../repositories/page';
import { SyncJobsRepository } from '../repositories/sync-jobs-repository';
import { decideSchedule, type LiveJobSummary, type ScheduleSkipReason } from './policy';

export interface ScheduleRunOptions {
  /** Re-queue integrations even when synced recently (a forced run visits every integration). */
  force?: boolean;
  /** Replaces `SCHEDULER_ALERT_FAILURE_THRESHOLD` for this run's failure-threshold checks. */
  failureThresholdOverride?: number;
}

export interface ScheduleSummary {
  examined: number;
  enqueued: number;
  skipped: Partial<Record<ScheduleSkipReason, number>>;
  /** Integrations the run could not handle (logged through `onError`); the next run tries again. */
  errors: number;
}

/** Called for every integration a run visits: the failure-threshold alert check (see `../alerts`). */
export interface IntegrationFailureCheck {
  checkIntegration(integration: AdIntegration, threshold: number): Promise<void>;
}

export interface SyncSchedulerDeps {
  db: Firestore;
  syncQueue: Queue<SyncJobData>;
  /** Where "now" comes from (default: the system clock). */
  clock?: Clock;
  /** Firestore page size of the all-users fan-out. */
  pageSize?: number;
  /** Integrations handled at once within a page. */
  concurrency?: number;
  /** Default consecutive-failure threshold (`SCHEDULER_ALERT_FAILURE_THRESHOLD`). */
  failureThreshold?: number;
  failureCheck?: IntegrationFailureCheck;
  onError?: (error: unknown, integration: Pick<AdIntegration, 'userId' | 'providerId'>) => void;
}

export const defaultSchedulerPageSize = 200;
export const defaultSchedulerConcurrency = 16;
export const defaultFailureThreshold = 3;

/**
 * Fans the scheduling policy out over integrations: one user's, or every user's a page at a time
 * (Firestore cursors, so memory stays flat however many tenants there are), enqueueing through
 * `SyncJobService` (one live job per integration) and recording `nextSyncDueAt`.
 */
export class SyncScheduler {
  private readonly integrations: AdIntegrationsRepository;
  private readonly jobs: SyncJobsRepository;
  private readonly service: SyncJobService;
  private readonly clock: Clock;

  constructor(private readonly deps: SyncSchedulerDeps) {
    this.integrations = new AdIntegrationsRepository(deps.db);
    this.jobs = new SyncJobsRepository(deps.db);
    this.clock = deps.clock ?? systemClock;
    this.service = new SyncJobService({ db: deps.db, syncQueue: deps.syncQueue, clock: this.clock });
  }

  async scheduleUser(userId: string, options: ScheduleRunOptions = {}): Promise<ScheduleSummary> {
    const summary = emptySummary();
    const now = this.clock.now();
    await this.visitAll(await this.integrations.listForUser(userId), now, options, summary);
    return summary;
  }

  async scheduleAllUsers(options: ScheduleRunOptions = {}): Promise<ScheduleSummary> {
    const summary = emptySummary();
    const now = this.clock.now();
    const limit = this.deps.pageSize ?? defaultSchedulerPageSize;
    let cursor: string | null = null;
    do {
      // A regular run only reads integrations whose time has come; a forced run reads them all.
      const page: Page<AdIntegration> = options.force
        ? await this.integrations.pageAll({ limit, cursor })
        : await this.integrations.pageDue(now, { limit, cursor });
      await this.visitAll(page.items, now, options, summary);
      cursor = page.nextCursor;
    } while (cursor);
    return summary;
  }

  private async visitAll(
    items: AdIntegration[],
    now: Date,
    options: ScheduleRunOptions,
    summary: ScheduleSummary,
  ): Promise<void> {
    await forEachLimited(items, this.deps.concurrency ?? defaultSchedulerConcurrency, async (integration) => {
      summary.examined += 1;
      try {
        const outcome = await this.visit(integration, now, options);
        if (outcome === 'enqueued') summary.enqueued += 1;
        else summary.skipped[outcome] = (summary.skipped[outcome] ?? 0) + 1;
      } catch (error) {
        summary.errors += 1;
        this.deps.onError?.(error, integration);
      }
      if (this.deps.failureCheck) {
        const threshold =
          options.failureThresholdOverride ?? this.deps.failureThreshold ?? defaultFailureThreshold;
        try {
          await this.deps.failureCheck.checkIntegration(integration, threshold);
        } catch (error) {
          this.deps.onError?.(error, integration);
        }
      }
    });
  }

  private async visit(
    integration: AdIntegration,
    now: Date,
    options: ScheduleRunOptions,
  ): Promise<'enqueued' | ScheduleSkipReason> {
    const liveJob = await this.liveJob(integration);
    const decision = decideSchedule({ integration, liveJob, now, force: options.force });
    const { userId, providerId } = integration;
    if (decision.action === 'skip') {
      const stored = integration.nextSyncDueAt;
      // A due integration stays due as it is (rewriting it would move it behind the page cursor).
      const unchanged =
        decision.nextSyncDueAt === null
          ? stored === null
          : stored !== null &&
            (stored.getTime() === decision.nextSyncDueAt.getTime() ||
              (stored.getTime() <= now.getTime() && decision.nextSyncDueAt.getTime() <= now.getTime()));
      if (!unchanged) {
        await this.integrations.updateAutomation(userId, providerId, {
          nextSyncDueAt: decision.nextSyncDueAt,
        });
      }
      return decision.reason;
    }
    const result = await this.service.enqueue(userId, providerId, 'scheduled-sync', decision.timeframeDays, {
      force: options.force,
    });
    // Lost a race with another request: that live job stands, and the due time is left as it is.
    if (!result.created) return 'live-job';
    // createUnlessLive already stamped lastSyncRequestedAt; the next due time counts from now.
    await this.integrations.updateAutomation(userId, providerId, { nextSyncDueAt: decision.nextSyncDueAt });
    return 'enqueued';
  }

  private async liveJob(integration: AdIntegration): Promise<LiveJobSummary | null> {
    if (!integration.liveSyncJobId) return null;
    const job = await this.jobs.get(integration.userId, integration.liveSyncJobId);
    return job && isLiveSyncJobStatus(job.status) ? { status: job.status, jobType: job.jobType } : null;
  }
}

function emptySummary(): ScheduleSummary {
  return { examined: 0, enqueued: 0, skipped: {}, errors: 0 };
}

/** Runs `task` over `items` with at most `limit` in flight. */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      if (item !== undefined) await task(item);
    }
  });
  await Promise.all(runners);
}
