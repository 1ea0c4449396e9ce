import 'server-only';
import {
  newOAuthNonce,
  oauthStateLifetimeMs,
  type ProviderId,
  providerDisplayNames,
  providerOAuthVariables,
  signOAuthState,
} from '@cohorts/core';
import { createCodeVerifier } from '@cohorts/providers';
import { webEnv } from '../env';
import { ConflictError } from '../errors';
import { InputError } from '../http/validation';
import { clock, connectors, nonceStore } from '../services';
import { sameSiteReturnPath } from './return-to';

export class ProviderNotConfiguredError extends ConflictError {
  constructor(readonly providerId: ProviderId) {
    super(
      `${providerDisplayNames[providerId]} is not configured on this server: set ${providerOAuthVariables[providerId].join(', ')}`,
    );
    this.name = 'ProviderNotConfiguredError';
  }
}

export interface StartedLink {
  providerId: ProviderId;
  /** The platform's authorize URL (state signed and bound to the user; PKCE challenge for Google). */
  url: string;
  /** The single-use nonce inside the state; the start route also binds it to the browser (cookie). */
  nonce: string;
  expiresAt: Date;
}

/** Starts an OAuth link for `userId`: a signed state, its nonce (and PKCE verifier) kept server-side. */
export async function startLink(
  userId: string,
  providerId: ProviderId,
  options: { returnTo?: string | undefined; now?: Date } = {},
): Promise<StartedLink> {
  const returnTo =
    options.returnTo === undefined ? undefined : sameSiteReturnPath(options.returnTo, webEnv().APP_BASE_URL);
  if (returnTo === null) throw InputError.of('returnTo', 'must be a path on this site, such as /');
  const connector = connectors()[providerId];
  if (!connector.isConfigured) throw new ProviderNotConfiguredError(providerId);
  const now = options.now ?? clock().now();
  const nonce = newOAuthNonce();
  const codeVerifier = connector.supportsPkce ? createCodeVerifier() : null;
  const { state, payload } = signOAuthState(webEnv().OAUTH_STATE_SECRET, {
    uid: userId,
    providerId,
    nonce,
    now,
    ...(returnTo !== undefined && { returnTo }),
  });
  const remembered = await (await nonceStore()).remember(
    nonce,
    { uid: userId, providerId, codeVerifier },
    oauthStateLifetimeMs,
  );
  // 192 random bits do not collide; if Redis says otherwise, refuse rather than share a nonce.
  if (!remembered) throw new Error('OAuth nonce collision');
  const url = connector.buildAuthorizeUrl({ state, ...(codeVerifier && { codeVerifier }) });
  return { providerId, url, nonce, expiresAt: new Date(payload.expiresAt) };
}
