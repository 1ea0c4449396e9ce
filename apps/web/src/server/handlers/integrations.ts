import 'server-only';
import {
  AdIntegrationsRepository,
  computeNextSyncDueAt,
  IntegrationNotFoundError,
  providerIds,
  SyncJobsRepository,
  scheduledTimeframeDaysFor,
} from '@cohorts/core';
import type { z } from 'zod';
import type { Caller } from '../auth/caller';
import { targetUser } from '../auth/target-user';
import { ConflictError } from '../errors';
import { isAwaitingAccountChoice } from '../linking/account-choice';
import { clock, firestore, syncJobService } from '../services';
import { takeManualSyncTurn } from '../user-limits';
import type { ManualSyncInput, UpdateAutomationInput, UserScopeInput } from './schemas';
import { integrationStatusView, integrationView, syncJobView } from './views';

/** Every provider, linked or not, with its integration (never its tokens). */
export async function listIntegrations(caller: Caller, input: z.infer<typeof UserScopeInput>) {
  const userId = targetUser(caller, input.userId);
  const linked = await new AdIntegrationsRepository(firestore()).listForUser(userId);
  return {
    userId,
    /** Who is asking: the dashboard offers admin tools (automation, Bull Board) to admins only. */
    viewerRole: caller.kind,
    providers: providerIds.map((providerId) => {
      const integration = linked.find((i) => i.providerId === providerId);
      return { providerId, integration: integration ? integrationView(integration) : null };
    }),
  };
}

/** Sync status per provider, with the live job's progress (`/api/integrations/status`, the dashboard's badges). */
export async function integrationStatus(caller: Caller, input: z.infer<typeof UserScopeInput>) {
  const userId = targetUser(caller, input.userId);
  const db = firestore();
  const jobs = new SyncJobsRepository(db);
  const linked = await new AdIntegrationsRepository(db).listForUser(userId);
  const integrations = await Promise.all(
    providerIds.map(async (providerId) => {
      const integration = linked.find((i) => i.providerId === providerId) ?? null;
      const liveJob = integration?.liveSyncJobId ? await jobs.get(userId, integration.liveSyncJobId) : null;
      return integrationStatusView(providerId, integration, liveJob);
    }),
  );
  return { userId, integrations };
}

/**
 * "Run sync now": a forced manual sync of the attribution window (or the integration's own lookback).
 * A queued scheduled job is replaced; a job already queued or running is returned instead of a second.
 * Starting a new one is limited per integration (`MANUAL_SYNC_COOLDOWN_SECONDS`, 429 with Retry-After).
 */
export async function manualSync(caller: Caller, input: z.infer<typeof ManualSyncInput>) {
  const userId = targetUser(caller, input.userId);
  const integration = await new AdIntegrationsRepository(firestore()).get(userId, input.providerId);
  if (!integration) throw new IntegrationNotFoundError(userId, input.providerId);
  if (integration.reconnectRequired) {
    throw new ConflictError(`reconnect ${input.providerId} first: its access was revoked or has expired`);
  }
  if (isAwaitingAccountChoice(integration)) {
    throw new ConflictError(
      `choose the ${input.providerId} ad accounts to sync first: that starts the backfill`,
    );
  }
  // With a live job the request gets that job back (or replaces a queued scheduled one): no extra
  // platform calls, so only a request that starts a new sync takes the cooldown.
  if (!integration.liveSyncJobId) await takeManualSyncTurn(userId, input.providerId);
  const result = await syncJobService().enqueue(
    userId,
    input.providerId,
    'manual-sync',
    scheduledTimeframeDaysFor(integration),
    { force: true },
  );
  return {
    job: syncJobView(result.job),
    created: result.created,
    replacedJobId: result.replaced?.id ?? null,
    inQueue: result.inQueue,
  };
}

/**
 * Automation controls: auto-sync on/off, cadence and lookback, within core's bounds. Admins only
 * (they decide how many platform calls a tenant costs); the router enforces it, users see the
 * settings read-only.
 */
export async function updateAutomation(
  caller: Caller,
  input: z.infer<typeof UpdateAutomationInput>,
  now = clock().now(),
) {
  const userId = targetUser(caller, input.userId);
  const repository = new AdIntegrationsRepository(firestore());
  const current = await repository.get(userId, input.providerId);
  if (!current) throw new IntegrationNotFoundError(userId, input.providerId);
  const next = {
    autoSyncEnabled: input.autoSyncEnabled === undefined ? current.autoSyncEnabled : input.autoSyncEnabled,
    syncFrequencyMinutes:
      input.syncFrequencyMinutes === undefined ? current.syncFrequencyMinutes : input.syncFrequencyMinutes,
    scheduledTimeframeDays:
      input.scheduledTimeframeDays === undefined
        ? current.scheduledTimeframeDays
        : input.scheduledTimeframeDays,
  };
  // The scheduler's own policy says when the integration is next due under the new settings; one
  // still waiting for its accounts to be chosen stays unscheduled (the choice starts its backfill).
  await repository.updateAutomation(userId, input.providerId, {
    ...next,
    nextSyncDueAt: isAwaitingAccountChoice(current)
      ? null
      : computeNextSyncDueAt({ ...current, ...next }, now),
  });
  const updated = await repository.get(userId, input.providerId);
  if (!updated) throw new IntegrationNotFoundError(userId, input.providerId);
  return integrationView(updated);
}
