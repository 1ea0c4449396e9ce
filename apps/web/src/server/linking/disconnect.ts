import 'server-only';
import {
  AdIntegrationsRepository,
  credentialIdFor,
  IntegrationNotFoundError,
  providerDisplayNames,
} from '@cohorts/core';
import { ProviderError } from '@cohorts/providers';
import type { z } from 'zod';
import { connectors, credentialsRepository, firestore, syncJobService } from '../services';
import type { DisconnectInput } from './schemas';

type RevokeStatus = 'revoked' | 'failed' | 'no-credential';

/**
 * Unlinks a platform: revoke the grant at the platform (where it can), delete the encrypted
 * credential and the integration; sync jobs and metrics stay as history. A queued sync is
 * cancelled; a running one fails on its own when it next needs the credential.
 */
export async function disconnect(userId: string, input: z.infer<typeof DisconnectInput>) {
  const { providerId } = input;
  const db = firestore();
  const integrations = new AdIntegrationsRepository(db);
  const credentials = credentialsRepository();
  const [integration, tokens] = await Promise.all([
    integrations.get(userId, providerId),
    credentials.load(userId, providerId),
  ]);
  if (!integration && !tokens) throw new IntegrationNotFoundError(userId, providerId);

  let revoke: { status: RevokeStatus; message: string };
  if (!tokens) {
    revoke = { status: 'no-credential', message: 'no stored grant to revoke' };
  } else {
    try {
      await connectors()[providerId].revoke({
        credentialId: credentialIdFor(userId, providerId),
        tokens,
      });
      revoke = { status: 'revoked', message: `access was revoked at ${providerDisplayNames[providerId]}` };
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      revoke = {
        status: 'failed',
        message: `${providerDisplayNames[providerId]} did not confirm the revocation (${error.message}); remove the app's access in the platform's settings to be sure`,
      };
    }
  }
  await credentials.delete(userId, providerId);
  const cancelled = integration?.liveSyncJobId
    ? await syncJobService().cancelQueued(
        userId,
        integration.liveSyncJobId,
        'the integration was disconnected',
      )
    : null;
  const cancelledJobId = cancelled?.id ?? null;
  await integrations.delete(userId, providerId);
  return {
    providerId,
    disconnected: true,
    revoke,
    credentialDeleted: true,
    cancelledJobId,
    historyKept: true,
    message: `${providerDisplayNames[providerId]} is disconnected: ${revoke.message}; stored tokens were deleted; past sync jobs and metrics are kept.`,
  };
}
