import { FieldPath, type Firestore, type Timestamp } from 'firebase-admin/firestore';
import { type AdIntegration, AdIntegrationSchema } from '../contract/ad-integration';
import type { ProviderId } from '../contract/provider-ids';
import {
  isLiveSyncJobStatus,
  type SyncJob,
  type SyncJobProgress,
  SyncJobProgressSchema,
  type SyncJobRecord,
  SyncJobSchema,
  type SyncJobStatus,
  type SyncJobType,
} from '../contract/sync-job';
import { parseDocument, zodConverter } from '../firestore/converters';
import { adIntegrationPath, collections, syncJobPath, syncJobsCollectionPath } from '../firestore/paths';
import { IntegrationNotFoundError } from './ad-integrations-repository';
import {
  clampPageSize,
  decodeCursor,
  encodeCursor,
  type Page,
  type PageRequest,
  PathCursorSchema,
} from './page';

const converter = zodConverter(SyncJobSchema);
const integrationConverter = zodConverter(AdIntegrationSchema);

export interface NewSyncJob {
  providerId: ProviderId;
  jobType: SyncJobType;
  timeframeDays: number;
}

/** One job of `createManyIfUnchanged`: the integration as read (its update time) and its next due time. */
export interface PlannedSyncJob {
  userId: string;
  job: NewSyncJob;
  integrationUpdateTime: Timestamp;
  nextSyncDueAt: Date | null;
}

/** gRPC codes of a batch refused because a document changed (or vanished, or exists) since it was read. */
const staleBatchCodes = new Set([5 /* NOT_FOUND */, 6 /* ALREADY_EXISTS */, 9 /* FAILED_PRECONDITION */]);

/** True when a `createManyIfUnchanged` batch was refused on a precondition, so nothing was written. */
export function isStaleBatchError(error: unknown): boolean {
  const code = error instanceof Error ? Reflect.get(error, 'code') : undefined;
  return typeof code === 'number' && staleBatchCodes.has(code);
}

/** Why a claim did not take the job. */
export type ClaimRefusal =
  | { claimed: false; reason: 'not-found' }
  | { claimed: false; reason: 'running-elsewhere'; claimedBy: string | null; leaseExpiresAt: Date | null }
  | { claimed: false; reason: 'finished'; status: SyncJobStatus };

export type ClaimResult = { claimed: true; job: SyncJobRecord } | ClaimRefusal;

export interface ClaimRequest {
  workerId: string;
  now: Date;
  /** How long the claim holds without renewal; a crashed worker's claim lapses after it. */
  leaseMs: number;
}

export class SyncJobNotFoundError extends Error {
  constructor(readonly jobId: string) {
    super(`sync job ${jobId} does not exist`);
    this.name = 'SyncJobNotFoundError';
  }
}

/** A finishing write by a worker that no longer holds the claim (its lease lapsed and another took over). */
export class LostClaimError extends Error {
  constructor(
    readonly jobId: string,
    readonly workerId: string,
  ) {
    super(`worker ${workerId} no longer holds sync job ${jobId}`);
    this.name = 'LostClaimError';
  }
}

/** `users/{userId}/syncJobs/{jobId}` documents: the durable queue record. */
export class SyncJobsRepository {
  /**
   * The platform of each job this instance claimed and has not ended yet (the worker's processor
   * claims and ends through one instance): the ending transaction then reads the job and its
   * integration in one round trip instead of two, one less on the way to the user's `success`.
   * A job not in here is read the two-step way.
   */
  private readonly claimedPlatforms = new Map<string, ProviderId>();

  constructor(private readonly db: Firestore) {}

  ref(userId: string, jobId: string) {
    return this.db.doc(syncJobPath(userId, jobId)).withConverter(converter);
  }

  newJobId(userId: string): string {
    return this.db.collection(syncJobsCollectionPath(userId)).doc().id;
  }

  async get(userId: string, jobId: string): Promise<SyncJobRecord | null> {
    const snapshot = await this.ref(userId, jobId).get();
    const data = snapshot.data();
    return data ? { ...data, id: snapshot.id } : null;
  }

  /** Several jobs at once, in the order asked (null where a job does not exist). */
  async getMany(keys: readonly { userId: string; jobId: string }[]): Promise<(SyncJobRecord | null)[]> {
    return Promise.all(keys.map((key) => this.get(key.userId, key.jobId)));
  }

  /**
   * Creates a `queued` job unless the integration already has a live one, atomically: two callers
   * racing for the same integration get the same job. `replaceQueued` lets a forced request take the
   * place of a job still waiting (the waiting one ends as `error` with a note saying it was replaced).
   */
  async createUnlessLive(
    userId: string,
    job: NewSyncJob,
    options: { now: Date; jobId?: string; replaceQueued?: (live: SyncJobRecord) => boolean },
  ): Promise<{ job: SyncJobRecord; created: boolean; replaced: SyncJobRecord | null }> {
    const integrationRef = this.db
      .doc(adIntegrationPath(userId, job.providerId))
      .withConverter(integrationConverter);
    const jobId = options.jobId ?? this.newJobId(userId);
    return this.db.runTransaction(async (tx) => {
      const integration = await tx.get(integrationRef);
      const integrationData = integration.data();
      if (!integrationData) throw new IntegrationNotFoundError(userId, job.providerId);
      let replaced: SyncJobRecord | null = null;
      if (integrationData.liveSyncJobId) {
        const liveSnapshot = await tx.get(this.ref(userId, integrationData.liveSyncJobId));
        const live = liveSnapshot.data();
        if (live && isLiveSyncJobStatus(live.status)) {
          const liveRecord = { ...live, id: liveSnapshot.id };
          const replace = live.status === 'queued' && (options.replaceQueued?.(liveRecord) ?? false);
          if (!replace) return { job: liveRecord, created: false, replaced: null };
          tx.update(liveSnapshot.ref, {
            status: 'error',
            processedAt: options.now,
            errorMessage: 'replaced by a newer sync request',
          });
          replaced = liveRecord;
        }
      }
      const created = queuedJob(userId, job, options.now);
      tx.create(this.ref(userId, jobId), created);
      tx.update(integrationRef, { liveSyncJobId: jobId, lastSyncRequestedAt: options.now });
      return { job: { ...created, id: jobId }, created: true, replaced };
    });
  }

  /**
   * Creates many `queued` jobs in one batch, each with its integration's `liveSyncJobId`,
   * `lastSyncRequestedAt` and next due time, each integration written only if its document is
   * unchanged since the caller read it (`updateTime`): a request that enqueued in between changed
   * it, so the whole batch fails and no integration gets a second live job, without a transaction
   * per integration. The caller read each integration with no live job. A failure (see
   * `isStaleBatchError`) writes nothing; the caller goes the transactional way for those.
   */
  async createManyIfUnchanged(planned: readonly PlannedSyncJob[], now: Date): Promise<SyncJobRecord[]> {
    const batch = this.db.batch();
    const created = planned.map((plan) => {
      const id = this.newJobId(plan.userId);
      const job = queuedJob(plan.userId, plan.job, now);
      batch.create(this.ref(plan.userId, id), job);
      batch.update(
        this.db.doc(adIntegrationPath(plan.userId, plan.job.providerId)),
        { liveSyncJobId: id, lastSyncRequestedAt: now, nextSyncDueAt: plan.nextSyncDueAt },
        { lastUpdateTime: plan.integrationUpdateTime },
      );
      return { ...job, id };
    });
    await batch.commit();
    return created;
  }

  /**
   * Claims a job for one worker in a transaction: `queued` -> `running`. A job already `running`
   * under a live lease, or finished, is refused with the reason; a lapsed lease may be taken over.
   */
  async claim(userId: string, jobId: string, request: ClaimRequest): Promise<ClaimResult> {
    const ref = this.ref(userId, jobId);
    const result = await this.db.runTransaction(async (tx): Promise<ClaimResult> => {
      const snapshot = await tx.get(ref);
      const job = snapshot.data();
      if (!job) return { claimed: false, reason: 'not-found' };
      if (job.status === 'success' || job.status === 'error') {
        return { claimed: false, reason: 'finished', status: job.status };
      }
      if (
        job.status === 'running' &&
        job.leaseExpiresAt !== null &&
        job.leaseExpiresAt.getTime() > request.now.getTime()
      ) {
        return {
          claimed: false,
          reason: 'running-elsewhere',
          claimedBy: job.claimedBy,
          leaseExpiresAt: job.leaseExpiresAt,
        };
      }
      const claimed: SyncJob = {
        ...job,
        status: 'running',
        startedAt: request.now,
        claimedBy: request.workerId,
        leaseExpiresAt: new Date(request.now.getTime() + request.leaseMs),
        attempts: job.attempts + 1,
      };
      tx.set(ref, claimed);
      return { claimed: true, job: { ...claimed, id: jobId } };
    });
    if (result.claimed) {
      // Only a hint: a claim lost mid-sync is never ended here, so forget them all now and then.
      if (this.claimedPlatforms.size >= maxClaimHints) this.claimedPlatforms.clear();
      this.claimedPlatforms.set(claimKey(userId, jobId), result.job.providerId);
    }
    return result;
  }

  /** Extends the holder's lease (call periodically during a long sync). */
  async renewLease(userId: string, jobId: string, workerId: string, leaseExpiresAt: Date): Promise<void> {
    await this.mutateHeld(userId, jobId, workerId, () => ({ leaseExpiresAt }));
  }

  async updateProgress(
    userId: string,
    jobId: string,
    workerId: string,
    progress: SyncJobProgress,
  ): Promise<void> {
    const parsed = SyncJobProgressSchema.parse(progress);
    await this.mutateHeld(userId, jobId, workerId, () => ({ progress: parsed }));
  }

  async recordWindow(
    userId: string,
    jobId: string,
    workerId: string,
    window: { start: string; end: string },
  ): Promise<void> {
    await this.mutateHeld(userId, jobId, workerId, () => ({
      windowStart: window.start,
      windowEnd: window.end,
    }));
  }

  /** `running` -> `success`, and the integration's live-job pointer is cleared. */
  async complete(userId: string, jobId: string, workerId: string, now: Date): Promise<SyncJobRecord> {
    return this.finish(userId, jobId, workerId, { status: 'success', processedAt: now, errorMessage: null });
  }

  /** `running` -> `error` with a message safe to show the user; the job stays for manual retry. */
  async fail(
    userId: string,
    jobId: string,
    workerId: string | null,
    now: Date,
    errorMessage: string,
  ): Promise<SyncJobRecord> {
    return this.finish(userId, jobId, workerId, { status: 'error', processedAt: now, errorMessage });
  }

  /** `running` -> `queued`: the holder gives the job back (shutdown, or a retry is coming). */
  async release(userId: string, jobId: string, workerId: string): Promise<void> {
    this.claimedPlatforms.delete(claimKey(userId, jobId));
    await this.mutateHeld(userId, jobId, workerId, () => ({
      status: 'queued',
      claimedBy: null,
      leaseExpiresAt: null,
    }));
  }

  async listRecent(userId: string, limit = 20, providerId?: ProviderId): Promise<SyncJobRecord[]> {
    let query = this.db.collection(syncJobsCollectionPath(userId)).orderBy('createdAt', 'desc');
    if (providerId) query = query.where('providerId', '==', providerId);
    const snapshot = await query.limit(clampPageSize(limit)).withConverter(converter).get();
    return snapshot.docs.map((doc) => ({ ...doc.data(), id: doc.id }));
  }

  /** Jobs of every user in one status (the reconciler's view), a page at a time. */
  async pageByStatus(status: SyncJobStatus, page: PageRequest): Promise<Page<SyncJobRecord>> {
    const limit = clampPageSize(page.limit);
    let query = this.db
      .collectionGroup(collections.syncJobs)
      .where('status', '==', status)
      .orderBy(FieldPath.documentId())
      .limit(limit);
    if (page.cursor) query = query.startAfter(this.db.doc(decodeCursor(page.cursor, PathCursorSchema).path));
    const snapshot = await query.withConverter(converter).get();
    const last = snapshot.docs.at(-1);
    return {
      items: snapshot.docs.map((doc) => ({ ...doc.data(), id: doc.id })),
      nextCursor: snapshot.size === limit && last ? encodeCursor({ path: last.ref.path }) : null,
    };
  }

  private async finish(
    userId: string,
    jobId: string,
    workerId: string | null,
    fields: Pick<SyncJob, 'status' | 'processedAt' | 'errorMessage'>,
  ): Promise<SyncJobRecord> {
    const ref = this.ref(userId, jobId);
    const key = claimKey(userId, jobId);
    const claimedPlatform = this.claimedPlatforms.get(key);
    const integrationRefOf = (providerId: ProviderId) =>
      this.db.doc(adIntegrationPath(userId, providerId)).withConverter(integrationConverter);
    try {
      return await this.db.runTransaction(async (tx) => {
        let job: SyncJob | undefined;
        let integration: AdIntegration | undefined;
        let integrationRead: ProviderId | null = null;
        if (claimedPlatform) {
          // Both in one read; validated as the converters would.
          const [jobSnapshot, integrationSnapshot] = await tx.getAll(
            this.db.doc(ref.path),
            this.db.doc(integrationRefOf(claimedPlatform).path),
          );
          const jobData = jobSnapshot?.data();
          const integrationData = integrationSnapshot?.data();
          job = jobData && parseDocument(SyncJobSchema, ref.path, jobData);
          integration =
            integrationData &&
            parseDocument(AdIntegrationSchema, integrationRefOf(claimedPlatform).path, integrationData);
          integrationRead = claimedPlatform;
        } else {
          job = (await tx.get(ref)).data();
        }
        if (!job) throw new SyncJobNotFoundError(jobId);
        if (workerId !== null && job.claimedBy !== workerId) throw new LostClaimError(jobId, workerId);
        const integrationRef = integrationRefOf(job.providerId);
        if (integrationRead !== job.providerId) integration = (await tx.get(integrationRef)).data();
        const finished: SyncJob = { ...job, ...fields, claimedBy: job.claimedBy, leaseExpiresAt: null };
        tx.set(ref, finished);
        if (integration?.liveSyncJobId === jobId) tx.update(integrationRef, { liveSyncJobId: null });
        return { ...finished, id: jobId };
      });
    } finally {
      // Ended, or no longer this worker's to end.
      this.claimedPlatforms.delete(key);
    }
  }

  private async mutateHeld(
    userId: string,
    jobId: string,
    workerId: string,
    fields: (job: SyncJob) => Partial<SyncJob>,
  ): Promise<void> {
    const ref = this.ref(userId, jobId);
    await this.db.runTransaction(async (tx) => {
      const job = (await tx.get(ref)).data();
      if (!job) throw new SyncJobNotFoundError(jobId);
      if (job.status !== 'running' || job.claimedBy !== workerId) throw new LostClaimError(jobId, workerId);
      tx.update(ref, fields(job));
    });
  }
}

const maxClaimHints = 10_000;

function claimKey(userId: string, jobId: string): string {
  return `${userId}/${jobId}`;
}

function queuedJob(userId: string, job: NewSyncJob, now: Date): SyncJob {
  return SyncJobSchema.parse({
    userId,
    providerId: job.providerId,
    jobType: job.jobType,
    timeframeDays: job.timeframeDays,
    status: 'queued',
    createdAt: now,
    startedAt: null,
    processedAt: null,
    errorMessage: null,
    claimedBy: null,
    leaseExpiresAt: null,
    attempts: 0,
    progress: null,
    windowStart: null,
    windowEnd: null,
  });
}
