import 'server-only';
import {
  type AdIntegration,
  AdIntegrationsRepository,
  IntegrationNotFoundError,
  type ProviderId,
} from '@cohorts/core';
import { canReport } from '@cohorts/sync';
import type { z } from 'zod';
import { firestore } from '../services';
import { isAwaitingAccountChoice } from './account-choice';
import type { AccountsInput } from './schemas';

/** The linked integration, or 404 naming the platform. */
export async function requireIntegration(userId: string, providerId: ProviderId): Promise<AdIntegration> {
  const integration = await new AdIntegrationsRepository(firestore()).get(userId, providerId);
  if (!integration) throw new IntegrationNotFoundError(userId, providerId);
  return integration;
}

/** The ad accounts a linked login can see, and which of them are synced. */
export async function listAccounts(userId: string, input: z.infer<typeof AccountsInput>) {
  const integration = await requireIntegration(userId, input.providerId);
  return accountsView(integration);
}

/** What `accounts` and `selectAccounts` answer: the login's accounts and the current choice. */
export function accountsView(integration: AdIntegration) {
  return {
    providerId: integration.providerId,
    /** `reportable: false`: the platform reports nothing for it (closed or suspended), so syncs skip it. */
    accounts: integration.adAccounts.map((account) => ({
      ...account,
      reportable: canReport(integration.providerId, account),
    })),
    selectedAccountIds: integration.selectedAccountIds,
    /** An empty selection syncs every non-manager account of the login. */
    syncsAllAccounts: integration.selectedAccountIds.length === 0,
    /** Linked, and waiting for this choice before its first sync. */
    awaitingAccountChoice: isAwaitingAccountChoice(integration),
  };
}
