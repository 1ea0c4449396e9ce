import { createHash } from 'node:crypto';
import { type AdIntegration, isAwaitingAccountChoice } from '../contract/ad-integration';
import type { SyncJob } from '../contract/sync-job';

/**
 * The scheduling policy, pure: given an integration, its live job and the time, decide whether the
 * scheduler enqueues a sync now, with which window, and when the integration is next due.
 */

/**
 * Incremental syncs re-read the attribution window (7-day click / 1-day view): platforms restate
 * conversions for days after the click (up to the 7-day click window, plus today), so at least the
 * last 8 days.
 */
export const incrementalTimeframeDays = 8;

/** The first sync of a link reads this many days. */
export const initialBackfillDays = 90;

/**
 * An integration with no successful sync yet gets its backfill again this long after it was last
 * requested: a backfill that ended without success (a crash storm, a platform outage) must not
 * leave the integration empty until someone presses "Run sync now".
 */
export const backfillRetryAfterMs = 15 * 60_000;

/** Integrations that set no `syncFrequencyMinutes` sync nightly, inside this UTC window. */
export const nightlyWindow = { startMinuteUtc: 0, lengthMinutes: 6 * 60 } as const;

const dayMs = 86_400_000;
const minuteMs = 60_000;

export type ScheduleSkipReason =
  | 'auto-sync-off'
  | 'awaiting-account-choice'
  | 'reconnect-required'
  | 'live-job'
  | 'synced-recently';

export type ScheduleDecision =
  | {
      action: 'enqueue';
      jobType: Extract<SyncJob['jobType'], 'initial-backfill' | 'scheduled-sync'>;
      timeframeDays: number;
      nextSyncDueAt: Date;
    }
  | { action: 'skip'; reason: ScheduleSkipReason; nextSyncDueAt: Date | null };

/** What the policy needs to know about the integration's live job (queued or running), if any. */
export type LiveJobSummary = Pick<SyncJob, 'status' | 'jobType'>;

export interface ScheduleInput {
  integration: Pick<
    AdIntegration,
    | 'userId'
    | 'providerId'
    | 'autoSyncEnabled'
    | 'syncFrequencyMinutes'
    | 'scheduledTimeframeDays'
    | 'reconnectRequired'
    | 'lastSyncedAt'
    | 'lastSyncRequestedAt'
    | 'accountChoicePending'
  >;
  liveJob: LiveJobSummary | null;
  now: Date;
  /** Re-queue even when synced recently (still one live job: only a queued scheduled job is replaced). */
  force?: boolean;
}

type CadenceFields = Pick<
  AdIntegration,
  'userId' | 'providerId' | 'syncFrequencyMinutes' | 'lastSyncedAt' | 'lastSyncRequestedAt'
>;

/** `null` (never chosen) counts as on: new links sync automatically until the user turns it off. */
export function isAutoSyncOn(integration: Pick<AdIntegration, 'autoSyncEnabled'>): boolean {
  return integration.autoSyncEnabled !== false;
}

export function scheduledTimeframeDaysFor(
  integration: Pick<AdIntegration, 'scheduledTimeframeDays'>,
): number {
  return integration.scheduledTimeframeDays ?? incrementalTimeframeDays;
}

/**
 * A tenant's nightly slot, minutes after midnight UTC: a hash of user and provider spread over the
 * nightly window, so tenants do not all fire at 00:00. Deterministic: the same slot every night.
 */
export function nightlyOffsetMinutes(userId: string, providerId: string): number {
  const digest = createHash('sha256').update(`${userId}\u0000${providerId}`).digest();
  return nightlyWindow.startMinuteUtc + (digest.readUInt32BE(0) % nightlyWindow.lengthMinutes);
}

/** The latest the integration was asked for or got a sync: the cadence counts from it. */
function lastActivity(integration: CadenceFields): Date | null {
  const times = [integration.lastSyncedAt, integration.lastSyncRequestedAt].filter(
    (time): time is Date => time !== null,
  );
  if (times.length === 0) return null;
  return new Date(Math.max(...times.map((time) => time.getTime())));
}

function nightlySlotOnDay(dayStartMs: number, offsetMinutes: number): number {
  return dayStartMs + offsetMinutes * minuteMs;
}

/** The first nightly slot strictly after `after`. */
function nextNightlySlot(after: Date, offsetMinutes: number): Date {
  const dayStart = Math.floor(after.getTime() / dayMs) * dayMs;
  const today = nightlySlotOnDay(dayStart, offsetMinutes);
  return new Date(today > after.getTime() ? today : nightlySlotOnDay(dayStart + dayMs, offsetMinutes));
}

/**
 * When the integration is next due, counted from its last activity (or from `now` for one that was
 * never synced, which is due at once). Does not look at auto-sync: callers decide that.
 */
export function nextSyncDueAfter(integration: CadenceFields, activity: Date | null): Date {
  if (integration.syncFrequencyMinutes !== null) {
    if (activity === null) return new Date(0);
    return new Date(activity.getTime() + integration.syncFrequencyMinutes * minuteMs);
  }
  if (activity === null) return new Date(0);
  return nextNightlySlot(activity, nightlyOffsetMinutes(integration.userId, integration.providerId));
}

/**
 * `nextSyncDueAt` as the scheduler stores it: null when auto-sync is off, else when the cadence
 * next comes round. The web app calls this after automation changes so `pageDue` finds the integration.
 */
export function computeNextSyncDueAt(
  integration: CadenceFields & Pick<AdIntegration, 'autoSyncEnabled'>,
  now: Date,
): Date | null {
  if (!isAutoSyncOn(integration)) return null;
  const due = nextSyncDueAfter(integration, lastActivity(integration));
  return due.getTime() < now.getTime() ? now : due;
}

export function decideSchedule(input: ScheduleInput): ScheduleDecision {
  const { integration, liveJob, now } = input;
  const force = input.force ?? false;
  if (!isAutoSyncOn(integration)) return { action: 'skip', reason: 'auto-sync-off', nextSyncDueAt: null };
  // The person has not chosen which accounts to sync yet: the choice starts the first sync.
  if (isAwaitingAccountChoice(integration)) {
    return { action: 'skip', reason: 'awaiting-account-choice', nextSyncDueAt: null };
  }

  const activity = lastActivity(integration);
  // Never synced successfully: the backfill is due again once the last request is old enough.
  const needsBackfill = integration.lastSyncedAt === null;
  const dueAt = needsBackfill
    ? new Date((integration.lastSyncRequestedAt?.getTime() ?? 0) + backfillRetryAfterMs)
    : nextSyncDueAfter(integration, activity);
  const isDue = dueAt.getTime() <= now.getTime();
  // When skipping, keep the integration's due time: a due one stays due (found again next tick).
  const keepDue = isDue ? now : dueAt;

  if (integration.reconnectRequired) {
    // Nothing can sync until the user re-links: look again one cadence later, not every tick.
    return {
      action: 'skip',
      reason: 'reconnect-required',
      nextSyncDueAt: nextSyncDueAfter(integration, now),
    };
  }
  if (liveJob) {
    const replaceable = force && liveJob.status === 'queued' && liveJob.jobType === 'scheduled-sync';
    if (!replaceable) return { action: 'skip', reason: 'live-job', nextSyncDueAt: keepDue };
  }
  if (!isDue && !force) return { action: 'skip', reason: 'synced-recently', nextSyncDueAt: dueAt };

  if (needsBackfill) {
    return {
      action: 'enqueue',
      jobType: 'initial-backfill',
      timeframeDays: initialBackfillDays,
      // Looked at again after the retry delay; a success moves it onto its cadence.
      nextSyncDueAt: new Date(now.getTime() + backfillRetryAfterMs),
    };
  }
  return {
    action: 'enqueue',
    jobType: 'scheduled-sync',
    timeframeDays: scheduledTimeframeDaysFor(integration),
    // The request made now is the new last activity.
    nextSyncDueAt: nextSyncDueAfter(integration, now),
  };
}
