import {
  AdIntegrationsRepository,
  AdMetricsRepository,
  IntegrationCredentialsRepository,
  SyncJobsRepository,
  syncRetryPolicy,
  type TokenVault,
} from '@cohorts/core';
import { type Clock, systemClock } from '@cohorts/core/clock';
import type { ProviderId, SyncJobRecord } from '@cohorts/core/contract';
import type { AdPlatformConnector } from '@cohorts/providers';
import type { Job } from 'bullmq';
import type { Firestore } from 'firebase-admin/firestore';
import { type JobWrites, serialJobWrites } from './job-writes';
import { type SyncLogger, silentLogger } from './log';
import type { RawPayloadStore } from './raw-payload-store';

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

export const defaultLeaseMs = 20_000;
const defaultRefreshMarginMs = 5 * 60_000;

/** What every part of the pipeline works with: the repositories, connectors and settings of one process. */
export interface SyncServices {
  jobs: JobWrites;
  integrations: AdIntegrationsRepository;
  credentials: IntegrationCredentialsRepository;
  metrics: AdMetricsRepository;
  connectors: Record<ProviderId, AdPlatformConnector>;
  rawPayloads: RawPayloadStore;
  workerId: string;
  now: () => Date;
  leaseMs: number;
  refreshMarginMs: number;
  maxClaims: number;
  logger: SyncLogger;
}

export function syncServices(deps: SyncEngineDeps): SyncServices {
  const clock = deps.clock ?? systemClock;
  return {
    jobs: serialJobWrites(new SyncJobsRepository(deps.db)),
    integrations: new AdIntegrationsRepository(deps.db),
    credentials: new IntegrationCredentialsRepository(deps.db, deps.vault),
    metrics: new AdMetricsRepository(deps.db),
    connectors: deps.connectors,
    rawPayloads: deps.rawPayloads,
    workerId: deps.workerId,
    now: () => clock.now(),
    leaseMs: deps.leaseMs ?? defaultLeaseMs,
    refreshMarginMs: deps.refreshMarginMs ?? defaultRefreshMarginMs,
    maxClaims: deps.maxClaims ?? syncRetryPolicy.maxClaims,
    logger: deps.logger ?? silentLogger,
  };
}

/** One claimed delivery as the steps see it: the BullMQ job, its Firestore record, and the signal that stops it. */
export interface SyncRun {
  job: Job;
  record: SyncJobRecord;
  signal: AbortSignal;
}

/** The fields every log line about a job carries. */
export function jobLogFields(
  services: Pick<SyncServices, 'workerId'>,
  job: Pick<SyncJobRecord, 'userId' | 'providerId'> & { jobId: string },
) {
  return { jobId: job.jobId, userId: job.userId, providerId: job.providerId, workerId: services.workerId };
}

/** Whether BullMQ will not deliver this job again after a failure. */
export function isFinalAttempt(job: Job): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}
