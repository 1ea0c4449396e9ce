import type { OAuthTokenSet } from '@cohorts/core/contract';
import type { AuthorizeRequest, CredentialContext } from '../../connector';
import { ProviderError } from '../../http/provider-error';
import { withQuery } from '../../http/transport-url';
import { scopeList } from '../../oauth/token-times';
import { ignoreDeadToken } from '../shared/oauth2-token';
import { type PlatformDeps, redactorFor, requireApp } from '../shared/platform-deps';
import { tiktokConfig } from './config';
import { classifyTikTokError } from './errors';
import { TikTokEmptySchema, TikTokTokenSchema } from './schemas';

const providerId = 'tiktok';

/**
 * The advertiser authorization page. Permissions are chosen on the app in TikTok's developer portal,
 * so there is no scope parameter, and no PKCE; the callback carries `auth_code` (valid 1 h, single use).
 */
export function tiktokAuthorizeUrl(deps: PlatformDeps, request: AuthorizeRequest): string {
  const app = requireApp(providerId, deps.app);
  return deps.http.browserUrl(
    withQuery(tiktokConfig.authorizeUrl, {
      app_id: app.clientId,
      state: request.state,
      redirect_uri: app.redirectUri,
    }),
  );
}

/**
 * The Marketing API token does not expire (it ends only when the advertiser revokes it) and has no
 * refresh token; it names the advertiser accounts it was granted.
 */
export async function tiktokExchangeCode(
  deps: PlatformDeps,
  params: { code: string; credentialId: string; signal?: AbortSignal },
): Promise<OAuthTokenSet> {
  const app = requireApp(providerId, deps.app);
  const response = await deps.http.send({
    providerId,
    credentialId: params.credentialId,
    label: 'code exchange',
    method: 'POST',
    url: `${tiktokConfig.apiBaseUrl}/oauth2/access_token/`,
    json: { app_id: app.clientId, secret: app.clientSecret, auth_code: params.code },
    schema: TikTokTokenSchema,
    classify: classifyTikTokError,
    redactor: redactorFor(app, params.code),
    maxAttempts: 1,
    signal: params.signal,
  });
  const { data } = response.data;
  return {
    accessToken: data.access_token,
    refreshToken: null,
    accessTokenExpiresAt: null,
    refreshTokenExpiresAt: null,
    scopes: scopeList(data.scope),
    grantedAccountIds: data.advertiser_ids.map(String),
  };
}

export function tiktokRefresh(): Promise<OAuthTokenSet> {
  return Promise.reject(
    new ProviderError({
      providerId,
      kind: 'auth',
      platformCode: 'NO_REFRESH',
      message:
        'TikTok rejected the connection and its tokens cannot be refreshed (it was revoked): reconnect TikTok Ads.',
    }),
  );
}

export async function tiktokRevoke(deps: PlatformDeps, credential: CredentialContext): Promise<void> {
  const app = requireApp(providerId, deps.app);
  const { accessToken } = credential.tokens;
  await deps.http
    .send({
      providerId,
      credentialId: credential.credentialId,
      label: 'revoke',
      method: 'POST',
      url: `${tiktokConfig.apiBaseUrl}/oauth2/revoke_token/`,
      headers: { 'access-token': accessToken },
      json: { app_id: app.clientId, secret: app.clientSecret, access_token: accessToken },
      schema: TikTokEmptySchema,
      classify: classifyTikTokError,
      redactor: redactorFor(app, accessToken),
      signal: credential.signal,
    })
    .catch((error: unknown) => ignoreDeadToken(error));
}
