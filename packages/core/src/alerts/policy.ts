import type { ProviderId } from '../contract/provider-ids';
import type { SyncJob } from '../contract/sync-job';

/**
 * Alert policy, pure: when a condition is an incident, how incidents are de-duplicated (one alert
 * when it opens, one "resolved" when it clears) and what the webhook payload says. No I/O here.
 */

export const alertKinds = [
  'integration-failures',
  'worker-failures',
  'scheduler-run-failures',
  'queue-stuck-waiting',
  'queue-stuck-running',
] as const;
export type AlertKind = (typeof alertKinds)[number];

/** Where an incident is: the integration, or the queue. Ids only, never credentials. */
export interface AlertLocation {
  userId?: string;
  providerId?: ProviderId;
  queue?: string;
  jobId?: string;
}

/** One observed condition: active or not, with what the payload needs if it is. */
export interface AlertCondition {
  kind: AlertKind;
  /** Stable identity of the incident: the same problem in the same place has the same key. */
  key: string;
  active: boolean;
  summary: string;
  where: AlertLocation;
  /** When the problem started, as far as the observer can tell. */
  since: Date | null;
  /** Counts and limits that explain the alert (numbers only). */
  details: Record<string, number>;
}

export function incidentKey(kind: AlertKind, where: AlertLocation): string {
  const parts = [where.queue, where.userId, where.providerId, where.jobId].filter(
    (part): part is string => part !== undefined,
  );
  return [kind, ...parts].join(':');
}

/** The job a forced request replaced ends as `error` with this note; it is not a failure. */
export const replacedJobMessage = 'replaced by a newer sync request';

/**
 * Consecutive failed runs of an integration, counted from its newest finished job backwards
 * (`jobs` newest first; live and replaced jobs are passed over). `since` is when the streak began.
 */
export function consecutiveFailures(
  jobs: ReadonlyArray<Pick<SyncJob, 'status' | 'errorMessage' | 'processedAt' | 'createdAt'>>,
): { count: number; since: Date | null } {
  let count = 0;
  let since: Date | null = null;
  for (const job of jobs) {
    if (job.status === 'queued' || job.status === 'running') continue;
    if (job.status === 'error' && job.errorMessage === replacedJobMessage) continue;
    if (job.status === 'success') break;
    count += 1;
    since = job.processedAt ?? job.createdAt;
  }
  return { count, since };
}

export function integrationFailureCondition(input: {
  userId: string;
  providerId: ProviderId;
  failures: { count: number; since: Date | null };
  threshold: number;
}): AlertCondition {
  const where = { userId: input.userId, providerId: input.providerId };
  return {
    kind: 'integration-failures',
    key: incidentKey('integration-failures', where),
    active: input.failures.count >= input.threshold,
    summary: `${input.failures.count} consecutive failed syncs for ${input.providerId} (threshold ${input.threshold})`,
    where,
    since: input.failures.since,
    details: { consecutiveFailures: input.failures.count, threshold: input.threshold },
  };
}

/** Consecutive sync jobs across the worker fleet that failed for good (no success in between). */
export function workerFailureCondition(input: {
  queue: string;
  consecutiveFinalFailures: number;
  since: Date | null;
  threshold: number;
}): AlertCondition {
  const where = { queue: input.queue };
  return {
    kind: 'worker-failures',
    key: incidentKey('worker-failures', where),
    active: input.consecutiveFinalFailures >= input.threshold,
    summary: `${input.consecutiveFinalFailures} sync jobs in a row failed for good (threshold ${input.threshold})`,
    where,
    since: input.since,
    details: { consecutiveFinalFailures: input.consecutiveFinalFailures, threshold: input.threshold },
  };
}

/** A scheduler run that could not handle `threshold` or more integrations. */
export function schedulerRunCondition(input: {
  queue: string;
  errors: number;
  examined: number;
  threshold: number;
  since: Date | null;
}): AlertCondition {
  const where = { queue: input.queue };
  return {
    kind: 'scheduler-run-failures',
    key: incidentKey('scheduler-run-failures', where),
    active: input.errors >= input.threshold,
    summary: `scheduler run failed for ${input.errors} of ${input.examined} integrations (threshold ${input.threshold})`,
    where,
    since: input.since,
    details: { errors: input.errors, examined: input.examined, threshold: input.threshold },
  };
}

export interface QueueSnapshot {
  queue: string;
  /** When the oldest job still waiting became ready to run, if any waits. */
  oldestWaitingSince: Date | null;
  waiting: number;
  /** The job running longest and when it started, if any runs. */
  longestRunning: { jobId: string; startedAt: Date } | null;
}

export interface StuckLimits {
  waitingMs: number;
  runningMs: number;
}

/** Stuck-queue conditions: the oldest waiting job waited too long; a job has run too long. */
export function stuckQueueConditions(
  snapshot: QueueSnapshot,
  limits: StuckLimits,
  now: Date,
): AlertCondition[] {
  const waitedMs = snapshot.oldestWaitingSince ? now.getTime() - snapshot.oldestWaitingSince.getTime() : 0;
  const waitingWhere = { queue: snapshot.queue };
  const waiting: AlertCondition = {
    kind: 'queue-stuck-waiting',
    key: incidentKey('queue-stuck-waiting', waitingWhere),
    active: snapshot.oldestWaitingSince !== null && waitedMs > limits.waitingMs,
    summary: `oldest waiting job in ${snapshot.queue} has waited ${Math.round(waitedMs / 1000)} s (limit ${Math.round(limits.waitingMs / 1000)} s)`,
    where: waitingWhere,
    since: snapshot.oldestWaitingSince,
    details: { waitedMs, limitMs: limits.waitingMs, waiting: snapshot.waiting },
  };
  const ranMs = snapshot.longestRunning ? now.getTime() - snapshot.longestRunning.startedAt.getTime() : 0;
  // Keyed by queue, not job: one incident while anything overruns, whichever job it is.
  const runningWhere = { queue: snapshot.queue };
  const running: AlertCondition = {
    kind: 'queue-stuck-running',
    key: incidentKey('queue-stuck-running', runningWhere),
    active: snapshot.longestRunning !== null && ranMs > limits.runningMs,
    summary: `a job in ${snapshot.queue} has been running ${Math.round(ranMs / 1000)} s (limit ${Math.round(limits.runningMs / 1000)} s)`,
    where: snapshot.longestRunning ? { ...runningWhere, jobId: snapshot.longestRunning.jobId } : runningWhere,
    since: snapshot.longestRunning?.startedAt ?? null,
    details: { runningMs: ranMs, limitMs: limits.runningMs },
  };
  return [waiting, running];
}

/** Whether an incident is open (as recorded by the de-duplication store). */
export type IncidentState = { openedAt: Date } | null;

export type AlertTransition = 'triggered' | 'resolved' | 'none';

/**
 * The de-duplication state machine: an inactive condition with no incident, or an active one with
 * an open incident, sends nothing; opening sends "triggered" once; clearing sends "resolved" once.
 */
export function alertTransition(state: IncidentState, active: boolean): AlertTransition {
  if (active && state === null) return 'triggered';
  if (!active && state !== null) return 'resolved';
  return 'none';
}

export interface AlertPayload {
  source: 'cohorts-ads-sync';
  status: 'triggered' | 'resolved';
  kind: AlertKind;
  incidentKey: string;
  summary: string;
  where: AlertLocation;
  since: string | null;
  observedAt: string;
  details: Record<string, number>;
}

/** Anything that looks like a credential, in case a message ever carries one. */
const secretPatterns = [
  /\b(bearer|basic)\s+[\w\-.~+/]+=*/gi,
  /\b(access_token|refresh_token|id_token|client_secret|token|key|secret|password)=([^&\s]+)/gi,
  /\b(ya29\.|EAA|AQ[A-Za-z0-9])[\w\-.]{16,}/g,
  /\b[A-Za-z0-9_\-.]{40,}\b/g,
];

export function redactSecrets(text: string): string {
  return secretPatterns.reduce((out, pattern) => out.replace(pattern, '[redacted]'), text);
}

/**
 * The webhook body: what (kind, summary), where (ids), since when. Built field by field from the
 * condition, so nothing else (tokens, credential contents, raw errors) can ride along.
 */
export function buildAlertPayload(
  condition: AlertCondition,
  status: 'triggered' | 'resolved',
  observedAt: Date,
): AlertPayload {
  const where: AlertLocation = {};
  if (condition.where.userId) where.userId = condition.where.userId;
  if (condition.where.providerId) where.providerId = condition.where.providerId;
  if (condition.where.queue) where.queue = condition.where.queue;
  if (condition.where.jobId) where.jobId = condition.where.jobId;
  const details = Object.fromEntries(
    Object.entries(condition.details).filter(([, value]) => Number.isFinite(value)),
  );
  return {
    source: 'cohorts-ads-sync',
    status,
    kind: condition.kind,
    incidentKey: condition.key,
    summary: redactSecrets(status === 'resolved' ? `resolved: ${condition.summary}` : condition.summary),
    where,
    since: condition.since?.toISOString() ?? null,
    observedAt: observedAt.toISOString(),
    details,
  };
}
