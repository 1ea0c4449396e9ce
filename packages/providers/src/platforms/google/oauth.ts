import type { OAuthTokenSet } from '@cohorts/core/contract';
import { z } from 'zod';
import type { AuthorizeRequest, CredentialContext } from '../../connector';
import { ProviderError } from '../../http/provider-error';
import { withQuery } from '../../http/transport-url';
import { codeChallengeS256 } from '../../oauth/pkce';
import { expiresAt, scopeList } from '../../oauth/token-times';
import { classifyOAuth2TokenError } from '../shared/oauth2-errors';
import { type PlatformDeps, redactorFor, requireApp } from '../shared/platform-deps';
import { googleConfig } from './config';
import { type GoogleTokenResponse, GoogleTokenResponseSchema } from './schemas';

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

async function tokenRequest(
  deps: PlatformDeps,
  credentialId: string,
  form: Record<string, string>,
  secrets: Array<string | undefined>,
  signal: AbortSignal | undefined,
  retry: boolean,
): Promise<GoogleTokenResponse> {
  const response = await deps.http.send({
    providerId,
    credentialId,
    label: form.grant_type === 'refresh_token' ? 'token refresh' : 'code exchange',
    method: 'POST',
    url: googleConfig.tokenUrl,
    form,
    schema: GoogleTokenResponseSchema,
    classify: (res) => classifyOAuth2TokenError(providerId, res),
    redactor: redactorFor(deps.app, ...secrets),
    ...(retry ? {} : { maxAttempts: 1 }),
    signal,
  });
  return response.data;
}

export async function googleExchangeCode(
  deps: PlatformDeps,
  params: { code: string; codeVerifier?: string; credentialId: string; signal?: AbortSignal },
): Promise<OAuthTokenSet> {
  const app = requireApp(providerId, deps.app);
  const issuedAt = deps.clock.now();
  const token = await tokenRequest(
    deps,
    params.credentialId,
    {
      grant_type: 'authorization_code',
      code: params.code,
      client_id: app.clientId,
      client_secret: app.clientSecret,
      redirect_uri: app.redirectUri,
      ...(params.codeVerifier && { code_verifier: params.codeVerifier }),
    },
    [params.code, params.codeVerifier],
    params.signal,
    // An authorization code is single-use: never resend it.
    false,
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
  const app = requireApp(providerId, deps.app);
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
  const token = await tokenRequest(
    deps,
    credential.credentialId,
    {
      grant_type: 'refresh_token',
      refresh_token: tokens.refreshToken,
      client_id: app.clientId,
      client_secret: app.clientSecret,
    },
    [tokens.refreshToken, tokens.accessToken],
    credential.signal,
    true,
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
    .catch((error: unknown) => {
      if (error instanceof ProviderError && (error.kind === 'auth' || error.platformCode === 'invalid_token'))
        return;
      throw error;
    });
}
