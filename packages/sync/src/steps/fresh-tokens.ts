import { credentialIdFor } from '@cohorts/core';
import type { OAuthTokenSet } from '@cohorts/core/contract';
import { type AdPlatformConnector, type CredentialContext, ProviderError } from '@cohorts/providers';
import type { SyncRun, SyncServices } from '../services';

/** The credential a sync calls the platform with, refreshed at most once more after an auth error. */
export interface FreshTokens {
  /** The request context for the current tokens. */
  context(): CredentialContext;
  /**
   * After the platform refused the access token: refreshes and returns true, or returns false
   * when that cannot help (already refreshed in this sync, or no refresh token).
   */
  refreshAfterAuthError(): Promise<boolean>;
}

export function canRefresh(connector: Pick<AdPlatformConnector, 'supportsRefresh'>, tokens: OAuthTokenSet) {
  return connector.supportsRefresh && tokens.refreshToken !== null;
}

export function expiresWithin(tokens: OAuthTokenSet, now: Date, marginMs: number): boolean {
  return (
    tokens.accessTokenExpiresAt !== null && tokens.accessTokenExpiresAt.getTime() - now.getTime() <= marginMs
  );
}

/**
 * Step 2: loads and decrypts the stored credential, and refreshes it (storing the new tokens
 * encrypted) when it expires within the refresh margin. No stored credential is an auth failure.
 */
export async function freshTokens(
  services: Pick<SyncServices, 'credentials' | 'connectors' | 'now' | 'refreshMarginMs'>,
  { record, signal }: Pick<SyncRun, 'record' | 'signal'>,
): Promise<FreshTokens> {
  const { userId, providerId } = record;
  const connector = services.connectors[providerId];
  let tokens = await services.credentials.load(userId, providerId);
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
    await services.credentials.save(userId, providerId, fresh, services.now());
    return fresh;
  };
  if (canRefresh(connector, tokens) && expiresWithin(tokens, services.now(), services.refreshMarginMs)) {
    tokens = await refresh(tokens);
  }
  let current = tokens;
  return {
    context: () => ({ credentialId, tokens: current, signal }),
    async refreshAfterAuthError() {
      // An access token can die before its stated expiry: one refresh, then it is a reconnect.
      if (refreshed || !canRefresh(connector, current)) return false;
      current = await refresh(current);
      return true;
    },
  };
}
