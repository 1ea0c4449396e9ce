import 'server-only';
import {
  type AdIntegration,
  AdIntegrationsRepository,
  isAutoSyncOn,
  nextSyncDueAfter,
  providerDisplayNames,
} from '@cohorts/core';
import type { z } from 'zod';
import { InputError } from '../http/validation';
import { clock, firestore } from '../services';
import { addedAccountIds, isAwaitingAccountChoice } from './account-choice';
import { startBackfill } from './backfill';
import { accountsView, requireIntegration } from './list-accounts';
import type { SelectAccountsInput } from './schemas';

/**
 * Chooses which accounts to sync; every id must be a non-manager account of this login. The first
 * choice after linking starts the 90-day backfill; a later one that adds accounts starts one too, so
 * the added accounts get their history (accounts left out keep the numbers already stored).
 */
export async function selectAccounts(
  userId: string,
  input: z.infer<typeof SelectAccountsInput>,
  now = clock().now(),
) {
  const repository = new AdIntegrationsRepository(firestore());
  const integration = await requireIntegration(userId, input.providerId);
  const byId = new Map(integration.adAccounts.map((a) => [a.id, a]));
  const problems = input.accountIds.flatMap((id, index) => {
    const account = byId.get(id);
    const field = `accountIds.${index}`;
    if (!account) {
      return [
        {
          field,
          problem: `"${id}" is not an ad account of this ${providerDisplayNames[input.providerId]} login (its accounts: ${[...byId.keys()].join(', ') || 'none'})`,
        },
      ];
    }
    if (account.isManager) {
      return [{ field, problem: `"${id}" is a manager account, which has no metrics of its own` }];
    }
    return [];
  });
  if (problems.length > 0) throw new InputError(problems);
  const selectedAccountIds = [...new Set(input.accountIds)];
  const firstChoice = isAwaitingAccountChoice(integration);
  const added = addedAccountIds(integration.adAccounts, integration.selectedAccountIds, selectedAccountIds);
  const chosen: AdIntegration = {
    ...integration,
    selectedAccountIds,
    ...(firstChoice && { lastSyncStatus: 'pending' as const, accountChoicePending: false }),
  };
  await repository.ref(userId, input.providerId).update(
    firstChoice
      ? {
          selectedAccountIds,
          lastSyncStatus: 'pending',
          accountChoicePending: false,
          // The scheduler looks again one cadence after this backfill, as after any link.
          nextSyncDueAt: isAutoSyncOn(chosen) ? nextSyncDueAfter(chosen, now) : null,
        }
      : { selectedAccountIds },
  );
  const backfill = firstChoice || added.length > 0 ? await startBackfill(userId, input.providerId) : null;
  return {
    ...accountsView(chosen),
    backfill: backfill ? { jobId: backfill.job.id, created: backfill.created } : null,
  };
}
