import {
  AdIntegrationsRepository,
  AdMetricsRepository,
  buildAdMetricsDays,
  carryOverAccounts,
  credentialIdFor,
  IntegrationCredentialsRepository,
  LostClaimError,
  SyncJobDataSchema,
  SyncJobsRepository,
  syncRetryPolicy,
  type TokenVault,
} from '@cohorts/core';
import { type Clock, systemClock } from '@cohorts/core/clock';
import type {
  NormalizedMetricRecord,
  OAuthTokenSet,
  ProviderId,
  SyncJobProgress,
  SyncJobRecord,
} from '@cohorts/core/contract';
import {
  type AccountMetricsResult,
  type AdPlatformConnector,
  type CredentialContext,
  isProviderError,
  ProviderError,
  type RawResponse,
} from '@cohorts/providers';
import { DelayedError, type Job, UnrecoverableError, WaitingError } from 'bullmq';
import type { Firestore } from 'firebase-admin/firestore';
import { classifySyncError } from './classify';
import { zeroDays } from './days';
import { type AccountOutcome, reconnectMessage, type SyncSummary, summarizeSync } from './outcome';
import type { RawPayloadStore } from './raw-payload-store';
import { keyedSerialQueue } from './serial-writes';
import {
  type AccountDateWindow,
  accountsToSync,
  accountWindows,
  reportingTimeZone,
  syncWindowDays,
  unreportableAccounts,
  windowDates,
  windowLength,
  windowSpan,
} from './window';

/** The slice of a pino logger the engine uses. */
export interface SyncLogger {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

const silentLogger: SyncLogger = { info() {}, warn() {}, error() {} };

export interface SyncEngineDeps {
  db: Firestore;
  vault: TokenVault;
  connectors: Record<ProviderId, AdPlatformConnector>;
  rawPayloads: RawPayloadStore;
  /** Names this process in claims (`claimedBy`). */
  workerId: string;
  /** How long a Firestore claim holds without renewal; renewed every third of it while running. */
  leaseMs?: number;
  /** Claims after which a job is stopped for good (default `syncRetryPolicy.maxClaims`). */
  maxClaims?: number;
  /** Access tokens expiring within this margin are refreshed before the sync. */
  refreshMarginMs?: number;
  /** Where "now" comes from: windows, leases, token expiries (default: the system clock). */
  clock?: Clock;
  logger?: SyncLogger;
}

/** What happened to one delivery of a sync job (the BullMQ return value). */
export type SyncJobOutcome =
  | { outcome: 'finished'; jobId: string; status: SyncSummary['status']; message: string }
  | { outcome: 'skipped'; jobId: string; reason: 'not-found' | 'finished' | 'claim-lost' };

/** Progress as reported on the BullMQ job (`job.progress`). */
export interface SyncJobProgressReport extends SyncJobProgress {
  jobId: string;
}

export const defaultLeaseMs = 20_000;

/** The reason a worker gives `cancelAllJobs` when it shuts down: running jobs are released, not failed. */
export const shutdownAbortReason = 'worker-shutdown';

function isShutdown(signal: AbortSignal | undefined): boolean {
  if (!signal?.aborted) return false;
  const reason: unknown = signal.reason;
  return (
    reason === shutdownAbortReason || (reason instanceof Error && reason.message === shutdownAbortReason)
  );
}
const defaultRefreshMarginMs = 5 * 60_000;
const progressIntervalMs = 500;

/** The error a BullMQ job fails with when the sync must not be retried; the message is safe to show. */
function unrecoverable(message: string): UnrecoverableError {
  return new UnrecoverableError(message);
}

function isFinalAttempt(job: Job): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

/**
 * The sync processor: one delivery of one BullMQ job. Firestore is the durable record: the job is
 * claimed there by transaction (a duplicate delivery of a job running under a live lease waits for
 * the lease to lapse; a finished job does nothing), and every ending is written there before BullMQ
 * hears of it. Day documents are overwritten, never incremented, so any retry is safe.
 */
export function createSyncProcessor(deps: SyncEngineDeps) {
  const repository = new SyncJobsRepository(deps.db);
  const serially = keyedSerialQueue();
  /** The job-document writes of this process, one at a time per job (see keyedSerialQueue). */
  const jobs = {
    claim: (...a: Parameters<SyncJobsRepository['claim']>) => serially(a[1], () => repository.claim(...a)),
    renewLease: (...a: Parameters<SyncJobsRepository['renewLease']>) =>
      serially(a[1], () => repository.renewLease(...a)),
    updateProgress: (...a: Parameters<SyncJobsRepository['updateProgress']>) =>
      serially(a[1], () => repository.updateProgress(...a)),
    recordWindow: (...a: Parameters<SyncJobsRepository['recordWindow']>) =>
      serially(a[1], () => repository.recordWindow(...a)),
    complete: (...a: Parameters<SyncJobsRepository['complete']>) =>
      serially(a[1], () => repository.complete(...a)),
    fail: (...a: Parameters<SyncJobsRepository['fail']>) => serially(a[1], () => repository.fail(...a)),
    release: (...a: Parameters<SyncJobsRepository['release']>) =>
      serially(a[1], () => repository.release(...a)),
  };
  const integrations = new AdIntegrationsRepository(deps.db);
  const credentials = new IntegrationCredentialsRepository(deps.db, deps.vault);
  const metrics = new AdMetricsRepository(deps.db);
  const clock = deps.clock ?? systemClock;
  const now = () => clock.now();
  const leaseMs = deps.leaseMs ?? defaultLeaseMs;
  const refreshMarginMs = deps.refreshMarginMs ?? defaultRefreshMarginMs;
  const maxClaims = deps.maxClaims ?? syncRetryPolicy.maxClaims;
  const logger = deps.logger ?? silentLogger;
  /**
   * BullMQ times delays by the machine's clock, ours may be pinned (tests, CLOCK_START_AT): hand it
   * the wait until `untilMs` on our clock, not our instant. With the system clock both agree.
   */
  const delayUntil = (job: Job, untilMs: number, token: string | undefined) =>
    job.moveToDelayed(Date.now() + Math.max(0, untilMs - now().getTime()), token);

  return async function processSyncJob(
    job: Job,
    token?: string,
    signal?: AbortSignal,
  ): Promise<SyncJobOutcome> {
    const parsed = SyncJobDataSchema.safeParse(job.data);
    if (!parsed.success) throw unrecoverable(`job data is invalid: ${parsed.error.issues[0]?.message ?? ''}`);
    const { userId, providerId, jobId } = parsed.data;
    const log = { jobId, userId, providerId, workerId: deps.workerId };

    const claim = await jobs.claim(userId, jobId, { workerId: deps.workerId, now: now(), leaseMs });
    if (!claim.claimed) {
      if (claim.reason === 'running-elsewhere') {
        // Another worker holds a live lease (a stalled-job re-delivery while it still runs, or it
        // was killed): come back once the lease has lapsed; then it is ours unless it was renewed.
        const untilMs = Math.max(claim.leaseExpiresAt?.getTime() ?? 0, now().getTime()) + 1_000;
        logger.info({ ...log, claimedBy: claim.claimedBy, untilMs }, 'job held elsewhere; delaying');
        await delayUntil(job, untilMs, token);
        throw new DelayedError();
      }
      logger.info({ ...log, reason: claim.reason }, 'nothing to do for this delivery');
      return { outcome: 'skipped', jobId, reason: claim.reason };
    }
    if (claim.job.attempts > maxClaims) {
      // A poison pill: every claim before this one lost its worker (crashes spend no attempts).
      const message = `sync stopped after ${maxClaims} claims: its worker was lost each time`;
      logger.error({ ...log, claims: claim.job.attempts }, message);
      await jobs.fail(userId, jobId, deps.workerId, now(), message);
      await integrations.updateSyncStatus(userId, providerId, {
        lastSyncStatus: 'error',
        lastSyncMessage: message,
      });
      throw unrecoverable(message);
    }

    const abort = new AbortController();
    const onAbort = () => abort.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    let claimLost = false;
    const renewal = setInterval(
      () => {
        jobs.renewLease(userId, jobId, deps.workerId, new Date(now().getTime() + leaseMs)).catch((error) => {
          if (error instanceof LostClaimError) {
            claimLost = true;
            abort.abort(error);
          }
          logger.warn({ ...log, err: messageOf(error) }, 'lease renewal failed');
        });
      },
      Math.max(1_000, Math.floor(leaseMs / 3)),
    );

    try {
      const summary = await runSync(job, claim.job, abort.signal);
      logger.info({ ...log, status: summary.status, message: summary.message }, 'sync finished');
      return { outcome: 'finished', jobId, status: summary.status, message: summary.message };
    } catch (error) {
      if (claimLost || error instanceof LostClaimError) {
        logger.warn({ ...log }, 'claim lost to another worker; leaving the job to it');
        return { outcome: 'skipped', jobId, reason: 'claim-lost' };
      }
      if (isShutdown(signal)) {
        // Give the job back whole: Firestore `queued`, BullMQ `wait`, no attempt spent.
        logger.info({ ...log }, 'shutting down; releasing the job');
        await jobs.release(userId, jobId, deps.workerId);
        await job.moveToWait(token);
        throw new WaitingError();
      }
      throw await settleFailure(job, token, claim.job, error);
    } finally {
      clearInterval(renewal);
      signal?.removeEventListener('abort', onAbort);
    }
  };

  /** Turns a failure into its Firestore ending and the error BullMQ must see. */
  async function settleFailure(
    job: Job,
    token: string | undefined,
    record: SyncJobRecord,
    error: unknown,
  ): Promise<Error> {
    const { userId, providerId, id: jobId } = record;
    const log = { jobId, userId, providerId, workerId: deps.workerId };
    const action = classifySyncError(error, now());
    const finish = async (message: string, reconnectRequired: boolean) => {
      await jobs.fail(userId, jobId, deps.workerId, now(), message);
      await integrations.updateSyncStatus(userId, providerId, {
        lastSyncStatus: 'error',
        lastSyncMessage: message,
        ...(reconnectRequired && { reconnectRequired: true }),
      });
    };
    switch (action.action) {
      case 'delay':
      case 'park': {
        // Not the job's fault: give it back and come back later without spending an attempt.
        logger.info(
          { ...log, action: action.action, untilMs: action.untilMs, reason: action.reason },
          'delaying job',
        );
        await jobs.release(userId, jobId, deps.workerId);
        await delayUntil(job, action.untilMs, token);
        return new DelayedError();
      }
      case 'reconnect': {
        const message = reconnectMessage(action.reason);
        logger.warn({ ...log, reason: action.reason }, 'credential unusable; reconnect needed');
        await finish(message, true);
        return unrecoverable(message);
      }
      case 'fail': {
        logger.warn({ ...log, reason: action.reason }, 'sync failed permanently');
        await finish(action.reason, false);
        return unrecoverable(action.reason);
      }
      case 'abandon':
        return unrecoverable(action.reason);
      case 'retry': {
        if (isFinalAttempt(job)) {
          logger.error({ ...log, reason: action.reason }, 'sync failed after its last attempt');
          await finish(`sync failed after ${job.attemptsMade + 1} attempts: ${action.reason}`, false);
        } else {
          logger.warn(
            { ...log, reason: action.reason, attemptsMade: job.attemptsMade },
            'sync will be retried',
          );
          await jobs.release(userId, jobId, deps.workerId);
        }
        return error instanceof Error ? error : new Error(action.reason);
      }
    }
  }

  async function runSync(job: Job, record: SyncJobRecord, signal: AbortSignal): Promise<SyncSummary> {
    const { userId, providerId, id: jobId } = record;
    const connector = deps.connectors[providerId];
    const integration = await integrations.get(userId, providerId);
    if (!integration) {
      throw new ProviderError({ providerId, kind: 'permanent', message: 'the integration was removed' });
    }
    let tokens = await credentials.load(userId, providerId);
    if (!tokens) {
      throw new ProviderError({
        providerId,
        kind: 'auth',
        message: 'no stored credential for this integration',
      });
    }
    const credentialId = credentialIdFor(userId, providerId);
    let refreshed = false;
    const refresh = async (current: OAuthTokenSet) => {
      refreshed = true;
      const fresh = await connector.refresh({ credentialId, tokens: current, signal });
      await credentials.save(userId, providerId, fresh, now());
      return fresh;
    };
    if (canRefresh(connector, tokens) && expiresWithin(tokens, now(), refreshMarginMs)) {
      tokens = await refresh(tokens);
    }

    const accounts = accountsToSync(integration);
    const windows = accountWindows(providerId, accounts, syncWindowDays(record, integration), now());
    const span = windowSpan(windows);
    if (span) await jobs.recordWindow(userId, jobId, deps.workerId, span);

    const progress = progressReporter(
      job,
      record,
      windows.map((w) => ({ accountId: w.account.id, days: windowLength(w) })),
    );
    const fetch = (current: OAuthTokenSet) =>
      connector.fetchDailyMetrics({ credentialId, tokens: current, signal } satisfies CredentialContext, {
        windows,
        signal,
        onProgress: progress.onProgress,
      });
    let results: AccountMetricsResult[];
    try {
      results = await fetch(tokens);
    } catch (error) {
      // An access token can die before its stated expiry: refresh once, then it is a reconnect.
      if (!(isProviderError(error) && error.kind === 'auth' && !refreshed && canRefresh(connector, tokens)))
        throw error;
      tokens = await refresh(tokens);
      results = await fetch(tokens);
    }
    await progress.flush();

    // A retryable account failure retries the whole job while attempts remain (writes are
    // idempotent); on the last attempt the others are written and the failure is named.
    const retryable = results.find((r) => !r.ok && r.error.retryable);
    if (retryable && !retryable.ok && !isFinalAttempt(job)) throw retryable.error;

    const syncedAt = now();
    const ok = results.filter((r): r is Extract<AccountMetricsResult, { ok: true }> => r.ok);
    const raw: RawResponse[] = ok.flatMap((r) => r.raw);
    const rawPayloadRef =
      raw.length > 0
        ? await deps.rawPayloads.put({ userId, providerId, jobId, attempt: job.attemptsMade + 1 }, raw)
        : null;
    const records: NormalizedMetricRecord[] = ok.flatMap((r) => r.records);
    const days = buildAdMetricsDays(providerId, records, { syncedAt, rawPayloadRef });
    const okIds = new Set(ok.map((r) => r.accountId));
    const okWindows = windows.filter((w) => okIds.has(w.account.id));
    const filler = zeroDays(
      providerId,
      windowDates(okWindows),
      days,
      okWindows.map((w) => w.account),
      { syncedAt, rawPayloadRef, timeZoneOf: (account) => reportingTimeZone(providerId, account) },
    );
    // An account keeps its stored numbers on each day this sync rewrites without reading it there:
    // it failed, or the date is outside its own local window (time zones put "yesterday" on
    // different dates).
    const carriedOn = (date: string) => notRewrittenOn(date, windows, okIds);
    const anyCarried = windowDates(windows).some((date) => carriedOn(date).size > 0);
    const stored =
      anyCarried && span
        ? (
            await metrics.readRange(userId, { from: span.start, to: span.end, providerIds: [providerId] })
          ).flatMap((row) => row.providers[providerId] ?? [])
        : [];
    await metrics.upsertDays(userId, carryOverAccounts([...days, ...filler], stored, carriedOn));

    const outcomes: AccountOutcome[] = windows.map(({ account }) => {
      const result = results.find((r) => r.accountId === account.id);
      if (!result)
        return { accountId: account.id, ok: false, reason: 'the platform returned nothing for it' };
      return result.ok
        ? { accountId: account.id, ok: true }
        : { accountId: account.id, ok: false, reason: result.error.message };
    });
    const summary = summarizeSync(outcomes);
    const warnings = ok.flatMap((r) => r.warnings);
    const skipped = unreportableAccounts(integration).map((account) => account.id);
    const message = [
      summary.message,
      warnings.length > 0 ? ` (${warnings.length} warnings)` : '',
      skipped.length > 0
        ? `; skipped ${skipped.join(', ')}: closed or suspended, so the platform reports nothing`
        : '',
    ].join('');
    if (summary.status === 'success') await jobs.complete(userId, jobId, deps.workerId, syncedAt);
    else await jobs.fail(userId, jobId, deps.workerId, syncedAt, summary.errorMessage ?? summary.message);
    await integrations.updateSyncStatus(userId, providerId, {
      lastSyncStatus: summary.status,
      lastSyncMessage: message,
      ...(summary.status === 'success' && { lastSyncedAt: syncedAt, reconnectRequired: false }),
    });
    return { ...summary, message };
  }

  /** Reports accounts and days done on the BullMQ job and (throttled) on the Firestore job. */
  function progressReporter(
    job: Job,
    record: SyncJobRecord,
    accounts: { accountId: string; days: number }[],
  ) {
    const daysByAccount = new Map(accounts.map((a) => [a.accountId, 0]));
    const totals = new Map(accounts.map((a) => [a.accountId, a.days]));
    const daysTotal = accounts.reduce((sum, a) => sum + a.days, 0);
    let lastWrite = Number.NEGATIVE_INFINITY;
    let chain: Promise<void> = Promise.resolve();
    const snapshot = (): SyncJobProgress => {
      let daysDone = 0;
      let accountsDone = 0;
      for (const [accountId, done] of daysByAccount) {
        const total = totals.get(accountId) ?? 0;
        daysDone += Math.min(done, total);
        if (done >= total) accountsDone++;
      }
      return { accountsDone, accountsTotal: accounts.length, daysDone, daysTotal };
    };
    const write = () => {
      const progress = snapshot();
      chain = chain
        .then(async () => {
          await job.updateProgress({ ...progress, jobId: record.id } satisfies SyncJobProgressReport);
          await jobs.updateProgress(record.userId, record.id, deps.workerId, progress);
        })
        .catch((error) => logger.warn({ jobId: record.id, err: messageOf(error) }, 'progress report failed'));
    };
    return {
      onProgress(update: { accountId: string; daysDone: number; daysTotal: number }) {
        daysByAccount.set(
          update.accountId,
          Math.max(daysByAccount.get(update.accountId) ?? 0, update.daysDone),
        );
        const at = performance.now(); // a throttle: elapsed time, not the calendar
        if (at - lastWrite >= progressIntervalMs) {
          lastWrite = at;
          write();
        }
      },
      async flush() {
        for (const [accountId, total] of totals)
          daysByAccount.set(accountId, Math.max(daysByAccount.get(accountId) ?? 0, total));
        write();
        await chain;
      },
    };
  }
}

function canRefresh(connector: AdPlatformConnector, tokens: OAuthTokenSet): boolean {
  return connector.supportsRefresh && tokens.refreshToken !== null;
}

/** The synced accounts whose numbers on `date` this sync did not read: failed, or outside their window. */
function notRewrittenOn(
  date: string,
  windows: readonly AccountDateWindow[],
  okIds: ReadonlySet<string>,
): ReadonlySet<string> {
  const ids = new Set<string>();
  for (const { account, start, end } of windows) {
    if (!okIds.has(account.id) || date < start || date > end) ids.add(account.id);
  }
  return ids;
}

function expiresWithin(tokens: OAuthTokenSet, now: Date, marginMs: number): boolean {
  return (
    tokens.accessTokenExpiresAt !== null && tokens.accessTokenExpiresAt.getTime() - now.getTime() <= marginMs
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
