import type { OAuthTokenSet } from '@cohorts/core/contract';
import { z } from 'zod';
import type { AuthorizeRequest, CredentialContext } from '../../connector';
import { ProviderError } from '../../http/provider-error';
import { withQuery } from '../../http/transport-url';
import { expiresAt, scopeList } from '../../oauth/token-times';
import { classifyOAuth2TokenError } from '../shared/oauth2-errors';
import { ignoreDeadToken, oauth2TokenRequest } from '../shared/oauth2-token';
import { type PlatformDeps, redactorFor, requireApp } from '../shared/platform-deps';
import { linkedInConfig } from './config';
import { type LinkedInTokenResponse, LinkedInTokenResponseSchema } from './schemas';

const providerId = 'linkedin';

/**
 * LinkedIn's 3-legged authorization (space-separated scopes). No PKCE: LinkedIn supports it only for
 * native apps through a separate flow; the signed single-use `state` guards the callback.
 */
export function linkedInAuthorizeUrl(deps: PlatformDeps, request: AuthorizeRequest): string {
  const app = requireApp(providerId, deps.app);
  return deps.http.browserUrl(
    withQuery(linkedInConfig.authorizeUrl, {
      response_type: 'code',
      client_id: app.clientId,
      redirect_uri: app.redirectUri,
      state: request.state,
      scope: (app.scopes ?? linkedInConfig.scopes).join(' '),
    }),
  );
}

const tokenEndpoint = {
  providerId,
  url: linkedInConfig.tokenUrl,
  schema: LinkedInTokenResponseSchema,
} as const;

/**
 * The token set from a token response. The refresh token's end is fixed at first consent (365 days)
 * and refreshing does not move it: LinkedIn reports the time left, which is kept as an absolute date.
 */
function tokenSet(token: LinkedInTokenResponse, issuedAt: Date, previous?: OAuthTokenSet): OAuthTokenSet {
  return {
    accessToken: token.access_token,
    refreshToken: token.refresh_token ?? previous?.refreshToken ?? null,
    accessTokenExpiresAt: expiresAt(issuedAt, token.expires_in),
    refreshTokenExpiresAt:
      expiresAt(issuedAt, token.refresh_token_expires_in) ?? previous?.refreshTokenExpiresAt ?? null,
    scopes: token.scope ? scopeList(token.scope) : (previous?.scopes ?? []),
    grantedAccountIds: previous?.grantedAccountIds ?? [],
  };
}

export async function linkedInExchangeCode(
  deps: PlatformDeps,
  params: { code: string; credentialId: string; signal?: AbortSignal },
): Promise<OAuthTokenSet> {
  const issuedAt = deps.clock.now();
  const token = await oauth2TokenRequest(
    deps,
    tokenEndpoint,
    { type: 'authorization_code', code: params.code },
    params,
  );
  return tokenSet(token, issuedAt);
}

/**
 * Refresh tokens are issued only to approved Marketing partner apps; without one (or once its 365
 * days are over) the user has to reconnect.
 */
export async function linkedInRefresh(
  deps: PlatformDeps,
  credential: CredentialContext,
): Promise<OAuthTokenSet> {
  const { tokens } = credential;
  const end = tokens.refreshTokenExpiresAt;
  if (!tokens.refreshToken || (end && end.getTime() <= deps.clock.now().getTime())) {
    throw new ProviderError({
      providerId,
      kind: 'auth',
      platformCode: 'REFRESH_TOKEN_ENDED',
      message: tokens.refreshToken
        ? 'The LinkedIn connection reached the end of its 365-day authorization: reconnect LinkedIn Ads.'
        : 'This LinkedIn connection cannot be refreshed: reconnect LinkedIn Ads.',
    });
  }
  const issuedAt = deps.clock.now();
  const token = await oauth2TokenRequest(
    deps,
    tokenEndpoint,
    { type: 'refresh_token', refreshToken: tokens.refreshToken, accessToken: tokens.accessToken },
    credential,
  );
  return tokenSet(token, issuedAt, tokens);
}

export async function linkedInRevoke(deps: PlatformDeps, credential: CredentialContext): Promise<void> {
  const app = requireApp(providerId, deps.app);
  const { accessToken } = credential.tokens;
  await deps.http
    .send({
      providerId,
      credentialId: credential.credentialId,
      label: 'revoke',
      method: 'POST',
      url: linkedInConfig.revokeUrl,
      form: { client_id: app.clientId, client_secret: app.clientSecret, token: accessToken },
      schema: z.unknown(),
      classify: (response) => classifyOAuth2TokenError(providerId, response),
      redactor: redactorFor(app, accessToken, credential.tokens.refreshToken),
      signal: credential.signal,
    })
    .catch((error: unknown) => ignoreDeadToken(error));
}
