import type { OAuthTokenSet } from '@cohorts/core/contract';
import { z } from 'zod';
import type { AuthorizeRequest, CredentialContext } from '../../connector';
import { ProviderError } from '../../http/provider-error';
import { withQuery } from '../../http/transport-url';
import { codeChallengeS256 } from '../../oauth/pkce';
import { expiresAt, scopeList } from '../../oauth/token-times';
import { classifyOAuth2TokenError } from '../shared/oauth2-errors';
import { ignoreDeadToken, oauth2TokenRequest } from '../shared/oauth2-token';
import { type PlatformDeps, redactorFor, requireApp } from '../shared/platform-deps';
import { googleConfig } from './config';
import { GoogleTokenResponseSchema } from './schemas';

const providerId = 'google';

/** Offline access (a refresh token), forced consent (so the refresh token is re-issued), PKCE S256. */
export function googleAuthorizeUrl(deps: PlatformDeps, request: AuthorizeRequest): string {
  const app = requireApp(providerId, deps.app);
  if (!request.codeVerifier) {
    throw new RangeError('Google sign-in uses PKCE: pass the codeVerifier kept with the state');
  }
  return deps.http.browserUrl(
    withQuery(googleConfig.authorizeUrl, {
      client_id: app.clientId,
      redirect_uri: app.redirectUri,
      response_type: 'code',
      scope: (app.scopes ?? googleConfig.scopes).join(' '),
      access_type: 'offline',
      prompt: 'consent',
      include_granted_scopes: 'true',
      state: request.state,
      code_challenge: codeChallengeS256(request.codeVerifier),
      code_challenge_method: 'S256',
    }),
  );
}

const tokenEndpoint = { providerId, url: googleConfig.tokenUrl, schema: GoogleTokenResponseSchema } as const;

export async function googleExchangeCode(
  deps: PlatformDeps,
  params: { code: string; codeVerifier?: string; credentialId: string; signal?: AbortSignal },
): Promise<OAuthTokenSet> {
  const issuedAt = deps.clock.now();
  const token = await oauth2TokenRequest(
    deps,
    tokenEndpoint,
    { type: 'authorization_code', code: params.code, codeVerifier: params.codeVerifier },
    params,
  );
  if (!token.refresh_token) {
    throw new ProviderError({
      providerId,
      kind: 'auth',
      platformCode: 'NO_REFRESH_TOKEN',
      message:
        'Google did not grant offline access, so syncs could not run unattended: connect again and approve access.',
    });
  }
  return {
    accessToken: token.access_token,
    refreshToken: token.refresh_token,
    accessTokenExpiresAt: expiresAt(issuedAt, token.expires_in),
    refreshTokenExpiresAt: null,
    scopes: scopeList(token.scope),
    grantedAccountIds: [],
  };
}

/** A new access token; Google keeps the refresh token (it sends a new one only on rotation). */
export async function googleRefresh(
  deps: PlatformDeps,
  credential: CredentialContext,
): Promise<OAuthTokenSet> {
  const { tokens } = credential;
  if (!tokens.refreshToken) {
    throw new ProviderError({
      providerId,
      kind: 'auth',
      platformCode: 'NO_REFRESH_TOKEN',
      message: 'This Google Ads connection has no refresh token: reconnect Google Ads.',
    });
  }
  const issuedAt = deps.clock.now();
  const token = await oauth2TokenRequest(
    deps,
    tokenEndpoint,
    { type: 'refresh_token', refreshToken: tokens.refreshToken, accessToken: tokens.accessToken },
    credential,
  );
  return {
    ...tokens,
    accessToken: token.access_token,
    refreshToken: token.refresh_token ?? tokens.refreshToken,
    accessTokenExpiresAt: expiresAt(issuedAt, token.expires_in),
    scopes: token.scope ? scopeList(token.scope) : tokens.scopes,
  };
}

/** Revoking the refresh token ends the whole grant; a token already dead counts as revoked. */
export async function googleRevoke(deps: PlatformDeps, credential: CredentialContext): Promise<void> {
  const token = credential.tokens.refreshToken ?? credential.tokens.accessToken;
  await deps.http
    .send({
      providerId,
      credentialId: credential.credentialId,
      label: 'revoke',
      method: 'POST',
      url: googleConfig.revokeUrl,
      form: { token },
      schema: z.unknown(),
      classify: (res) => classifyOAuth2TokenError(providerId, res),
      redactor: redactorFor(deps.app, token, credential.tokens.accessToken),
      signal: credential.signal,
    })
    .catch((error: unknown) => ignoreDeadToken(error, 'invalid_token'));
}
