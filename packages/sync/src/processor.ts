import { SyncJobDataSchema } from '@cohorts/core';
import { type Job, UnrecoverableError } from 'bullmq';
import { claimJob, holdLease, type SyncJobOutcome } from './job-lease';
import type { SyncSummary } from './outcome';
import { jobLogFields, type SyncEngineDeps, type SyncRun, type SyncServices, syncServices } from './services';
import { settleFailure, stopAfterMaxClaims } from './settle';
import { type StepTimer, stepTimes } from './step-times';
import { fetchWindows } from './steps/fetch-windows';
import { finish } from './steps/finish';
import { freshTokens, storedTokens } from './steps/fresh-tokens';
import { planWindows } from './steps/plan-windows';
import { readIntegration } from './steps/read-integration';
import { prefetchStoredDays, writeDays } from './steps/write-days';

/**
 * One sync, as its steps: the integration, fresh tokens, the windows, the platform's numbers,
 * the day documents, the ending. Each step is a module under `steps/`. Reads that do not depend
 * on the step before run alongside it: the credential with the integration, the stored days a
 * sync carries over with the fetch.
 */
async function runSync(services: SyncServices, run: SyncRun, step: StepTimer): Promise<SyncSummary> {
  const stored = storedTokens(services, run.record);
  const integration = await step.time('readIntegration', () => readIntegration(services, run.record));
  const tokens = await step.time('freshTokens', () => freshTokens(services, run, stored));
  const plan = planWindows(services, run.record, integration);
  const storedDays = prefetchStoredDays(services, run.record, plan);
  const fetched = await step.time('fetchWindows', () => fetchWindows(services, run, plan, tokens));
  const syncedAt = services.now();
  // The job's last progress write overlaps the day writes; both land before its ending.
  await step.time('writeDays', async () => {
    const [written] = await Promise.allSettled([
      writeDays(services, run, plan, fetched.results, syncedAt, storedDays),
      fetched.progressWritten,
    ]);
    if (written.status === 'rejected') throw written.reason;
  });
  return step.time('finish', () =>
    finish(services, run.record, integration, plan, fetched.results, syncedAt),
  );
}

/**
 * The sync processor: one delivery of one BullMQ job. Firestore is the durable record: the job is
 * claimed there by transaction (`job-lease.ts`), the sync runs under a renewed lease, and every
 * ending is written there before BullMQ hears of it (`settle.ts`). Day documents are overwritten,
 * never incremented, so any retry is safe.
 */
export function createSyncProcessor(deps: SyncEngineDeps) {
  const services = syncServices(deps);
  return async function processSyncJob(
    job: Job,
    token?: string,
    signal?: AbortSignal,
  ): Promise<SyncJobOutcome> {
    const parsed = SyncJobDataSchema.safeParse(job.data);
    if (!parsed.success)
      throw new UnrecoverableError(`job data is invalid: ${parsed.error.issues[0]?.message ?? ''}`);
    const step = stepTimes();
    const claim = await step.time('claim', () => claimJob(services, job, token, parsed.data));
    if (!claim.claimed) return claim.outcome;
    const { record } = claim;
    if (record.attempts > services.maxClaims) throw await stopAfterMaxClaims(services, record);

    const lease = holdLease(services, record, signal);
    try {
      const summary = await runSync(services, { job, record, signal: lease.signal }, step);
      services.logger.info(
        {
          ...jobLogFields(services, { ...record, jobId: record.id }),
          status: summary.status,
          message: summary.message,
          // BullMQ's own timestamps: how long the job waited in the queue before this delivery.
          waitedMs: job.processedOn !== undefined ? job.processedOn - job.timestamp : null,
          stepsMs: step.times,
        },
        'sync finished',
      );
      return { outcome: 'finished', jobId: record.id, status: summary.status, message: summary.message };
    } catch (error) {
      return await settleFailure(services, { job, token, record }, error, {
        claimLost: lease.lost(),
        shutdown: signal,
      });
    } finally {
      lease.stop();
    }
  };
}
