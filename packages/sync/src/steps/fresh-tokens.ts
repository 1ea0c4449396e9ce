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
 * Starts reading and decrypting the stored credential, so the read overlaps the integration's
 * (`freshTokens` takes the promise). A failure surfaces where `freshTokens` awaits it.
 */
export function storedTokens(
  services: Pick<SyncServices, 'credentials'>,
  record: Pick<SyncRun['record'], 'userId' | 'providerId'>,
): Promise<OAuthTokenSet | null> {
  const loading = services.credentials.load(record.userId, record.providerId);
  loading.catch(() => undefined); // not unhandled when an earlier step fails first
  return loading;
}

/**
 * Step 2: the stored credential (see `storedTokens`), refreshed (the new tokens stored encrypted)
 * when it expires within the refresh margin. No stored credential is an auth failure.
 */
export async function freshTokens(
  services: Pick<SyncServices, 'credentials' | 'connectors' | 'now' | 'refreshMarginMs'>,
  { record, signal }: Pick<SyncRun, 'record' | 'signal'>,
  stored: Promise<OAuthTokenSet | null>,
): Promise<FreshTokens> {
  const { userId, providerId } = record;
  const connector = services.connectors[providerId];
  let tokens = await stored;
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
