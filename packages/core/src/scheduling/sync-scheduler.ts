import type { Queue } from 'bullmq';
import type { Firestore } from 'firebase-admin/firestore';
import { type Clock, systemClock } from '../clock/clock';
import type { AdIntegration } from '../contract/ad-integration';
import { isLiveSyncJobStatus, type SyncJobRecord } from '../contract/sync-job';
import type { SyncJobData } from '../jobs/catalog';
import { SyncJobService } from '../jobs/sync-job-service';
import type { VersionedIntegration } from '../repositories/ad-integrations-repository';
import { AdIntegrationsRepository } from '../repositories/ad-integrations-repository';
import type { Page } from '../repositories/page';
import {
  isStaleBatchError,
  type PlannedSyncJob,
  SyncJobsRepository,
} from '../repositories/sync-jobs-repository';
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

export const defaultSchedulerPageSize = 500;
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

  /**
   * Every due integration (every one when forced), a page at a time: the next page is read while
   * this one is written. Per page, the live jobs named by the page are read in one call, the policy
   * decides each integration, and the new jobs are created in batches (`createManyIfUnchanged`) and
   * queued with one `addBulk`. A batch refused because an integration changed since the read goes
   * the transactional way, one integration at a time. Only counts outlive a page.
   */
  async scheduleAllUsers(options: ScheduleRunOptions = {}): Promise<ScheduleSummary> {
    const summary = emptySummary();
    const now = this.clock.now();
    const limit = this.deps.pageSize ?? defaultSchedulerPageSize;
    // A regular run only reads integrations whose time has come; a forced run reads them all.
    const read = (cursor: string | null): Promise<Page<VersionedIntegration>> =>
      options.force
        ? this.integrations.pageAllVersioned({ limit, cursor })
        : this.integrations.pageDueVersioned(now, { limit, cursor });
    let next: Promise<Page<VersionedIntegration>> | null = read(null);
    while (next) {
      const page: Page<VersionedIntegration> = await next;
      next = page.nextCursor ? read(page.nextCursor) : null;
      try {
        await this.schedulePage(page.items, now, options, summary);
      } catch (error) {
        // Let a read already in flight settle before giving up the run.
        await next?.catch(() => undefined);
        throw error;
      }
    }
    return summary;
  }

  private async schedulePage(
    items: readonly VersionedIntegration[],
    now: Date,
    options: ScheduleRunOptions,
    summary: ScheduleSummary,
  ): Promise<void> {
    const liveJobs = await this.liveJobsOf(items.map((item) => item.integration));
    const planned: { plan: PlannedSyncJob; integration: AdIntegration }[] = [];
    const oneByOne: AdIntegration[] = [];
    const dueTimeUpdates: { integration: AdIntegration; nextSyncDueAt: Date | null }[] = [];
    for (const { integration, updateTime } of items) {
      summary.examined += 1;
      const liveJob = liveJobs.get(liveJobKey(integration)) ?? null;
      const decision = decideSchedule({ integration, liveJob, now, force: options.force });
      if (decision.action === 'skip') {
        summary.skipped[decision.reason] = (summary.skipped[decision.reason] ?? 0) + 1;
        if (dueTimeChanged(integration.nextSyncDueAt, decision.nextSyncDueAt, now))
          dueTimeUpdates.push({ integration, nextSyncDueAt: decision.nextSyncDueAt });
      } else if (liveJob) {
        // A forced run replacing a queued scheduled job: the transactional way handles the swap.
        oneByOne.push(integration);
      } else {
        planned.push({
          integration,
          plan: {
            userId: integration.userId,
            job: {
              providerId: integration.providerId,
              jobType: decision.jobType,
              timeframeDays: decision.timeframeDays,
            },
            integrationUpdateTime: updateTime,
            nextSyncDueAt: decision.nextSyncDueAt,
          },
        });
      }
    }
    const concurrency = this.deps.concurrency ?? defaultSchedulerConcurrency;
    await Promise.all([
      ...chunks(planned, batchJobs).map((chunk) => this.createBatch(chunk, now, options, summary)),
      forEachLimited(dueTimeUpdates, concurrency, async ({ integration, nextSyncDueAt }) => {
        try {
          await this.integrations.updateAutomation(integration.userId, integration.providerId, {
            nextSyncDueAt,
          });
        } catch (error) {
          summary.errors += 1;
          this.deps.onError?.(error, integration);
        }
      }),
    ]);
    await this.visitAll(oneByOne, now, options, summary, { counted: true, checked: true });
    await this.checkFailures(
      items.map((item) => item.integration),
      options,
    );
  }

  /** One batch of new jobs, then their BullMQ jobs in one call; the transactional way if it was refused. */
  private async createBatch(
    chunk: readonly { plan: PlannedSyncJob; integration: AdIntegration }[],
    now: Date,
    options: ScheduleRunOptions,
    summary: ScheduleSummary,
  ): Promise<void> {
    let created: SyncJobRecord[];
    try {
      created = await this.jobs.createManyIfUnchanged(
        chunk.map((entry) => entry.plan),
        now,
      );
    } catch (error) {
      if (!isStaleBatchError(error)) {
        for (const { integration } of chunk) this.deps.onError?.(error, integration);
      }
      // Nothing was written: each integration again, in its own transaction, on what it holds now.
      await this.visitAll(
        chunk.map((entry) => entry.integration),
        now,
        options,
        summary,
        { counted: true, checked: true },
      );
      return;
    }
    summary.enqueued += created.length;
    // A failed addBulk leaves `queued` documents without BullMQ jobs: the reconciler re-adds them.
    await this.service.addManyToQueue(created);
  }

  /** The live job (queued or running) each integration names, read in one call. */
  private async liveJobsOf(integrations: readonly AdIntegration[]): Promise<Map<string, LiveJobSummary>> {
    const named = integrations.filter((integration) => integration.liveSyncJobId);
    const found = new Map<string, LiveJobSummary>();
    if (named.length === 0) return found;
    const records = await this.jobs.getMany(
      named.map((integration) => ({ userId: integration.userId, jobId: integration.liveSyncJobId ?? '' })),
    );
    named.forEach((integration, i) => {
      const job = records[i];
      if (job && isLiveSyncJobStatus(job.status))
        found.set(liveJobKey(integration), { status: job.status, jobType: job.jobType });
    });
    return found;
  }

  private async checkFailures(integrations: readonly AdIntegration[], options: ScheduleRunOptions) {
    const check = this.deps.failureCheck;
    if (!check) return;
    const threshold =
      options.failureThresholdOverride ?? this.deps.failureThreshold ?? defaultFailureThreshold;
    await forEachLimited(
      integrations,
      this.deps.concurrency ?? defaultSchedulerConcurrency,
      async (integration) => {
        try {
          await check.checkIntegration(integration, threshold);
        } catch (error) {
          this.deps.onError?.(error, integration);
        }
      },
    );
  }

  /**
   * One integration at a time (each enqueue its own transaction). `counted`: already counted as
   * examined by the page; `checked`: its failure check runs with the page's.
   */
  private async visitAll(
    items: readonly AdIntegration[],
    now: Date,
    options: ScheduleRunOptions,
    summary: ScheduleSummary,
    already: { counted: boolean; checked: boolean } = { counted: false, checked: false },
  ): Promise<void> {
    await forEachLimited(items, this.deps.concurrency ?? defaultSchedulerConcurrency, async (integration) => {
      if (!already.counted) summary.examined += 1;
      try {
        const outcome = await this.visit(integration, now, options);
        if (outcome === 'enqueued') summary.enqueued += 1;
        else summary.skipped[outcome] = (summary.skipped[outcome] ?? 0) + 1;
      } catch (error) {
        summary.errors += 1;
        this.deps.onError?.(error, integration);
      }
      if (this.deps.failureCheck && !already.checked) {
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
      if (dueTimeChanged(integration.nextSyncDueAt, decision.nextSyncDueAt, now)) {
        await this.integrations.updateAutomation(userId, providerId, {
          nextSyncDueAt: decision.nextSyncDueAt,
        });
      }
      return decision.reason;
    }
    const result = await this.service.enqueue(userId, providerId, decision.jobType, decision.timeframeDays, {
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

/** Integrations per batch: two writes each (the job, the integration), within Firestore's 500 per batch. */
const batchJobs = 250;

/**
 * Whether a skipped integration's stored due time must be rewritten. A due integration stays due as
 * it is (rewriting it would move it behind the page cursor).
 */
function dueTimeChanged(stored: Date | null, decided: Date | null, now: Date): boolean {
  if (decided === null) return stored !== null;
  if (stored === null) return true;
  if (stored.getTime() === decided.getTime()) return false;
  return !(stored.getTime() <= now.getTime() && decided.getTime() <= now.getTime());
}

function liveJobKey(integration: Pick<AdIntegration, 'userId' | 'providerId'>): string {
  return `${integration.userId}\u0000${integration.providerId}`;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
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
