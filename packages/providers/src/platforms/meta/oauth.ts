import type { OAuthTokenSet } from '@cohorts/core/contract';
import type { AuthorizeRequest, CredentialContext } from '../../connector';
import { ProviderError } from '../../http/provider-error';
import { withQuery } from '../../http/transport-url';
import { expiresAt } from '../../oauth/token-times';
import { ignoreDeadToken } from '../shared/oauth2-token';
import { type PlatformDeps, redactorFor, requireApp } from '../shared/platform-deps';
import { graphRequest } from './api';
import { metaConfig } from './config';
import { classifyMetaError } from './errors';
import { MetaPermissionsSchema, MetaSuccessSchema, MetaTokenResponseSchema } from './schemas';

const providerId = 'facebook';

/**
 * Meta's login dialog. No PKCE: Meta offers it only in its OIDC login flow (still "in testing"),
 * not for the Marketing API's code flow; the signed single-use `state` guards the callback.
 */
export function metaAuthorizeUrl(deps: PlatformDeps, request: AuthorizeRequest): string {
  const app = requireApp(providerId, deps.app);
  return deps.http.browserUrl(
    withQuery(metaConfig.dialogUrl, {
      client_id: app.clientId,
      redirect_uri: app.redirectUri,
      response_type: 'code',
      scope: (app.scopes ?? metaConfig.scopes).join(','),
      state: request.state,
    }),
  );
}

function tokenCall(
  deps: PlatformDeps,
  credentialId: string,
  label: string,
  query: Record<string, string>,
  secrets: string[],
  signal: AbortSignal | undefined,
) {
  return deps.http.send({
    providerId,
    credentialId,
    label,
    url: withQuery(`${metaConfig.graphBaseUrl}/oauth/access_token`, query),
    schema: MetaTokenResponseSchema,
    classify: (response, what) => classifyMetaError(response, what, { oauth: true }),
    redactor: redactorFor(deps.app, ...secrets),
    // Codes and short-lived tokens are spent by use: never resend.
    maxAttempts: 1,
    signal,
  });
}

/**
 * The code gives a short-lived token (hours), which is exchanged at once for a long-lived one
 * (about 60 days). There is no refresh token: the expiry is stored and surfaced so the user can
 * reconnect in time.
 */
export async function metaExchangeCode(
  deps: PlatformDeps,
  params: { code: string; credentialId: string; signal?: AbortSignal },
): Promise<OAuthTokenSet> {
  const app = requireApp(providerId, deps.app);
  const short = await tokenCall(
    deps,
    params.credentialId,
    'code exchange',
    {
      client_id: app.clientId,
      client_secret: app.clientSecret,
      redirect_uri: app.redirectUri,
      code: params.code,
    },
    [params.code],
    params.signal,
  );
  const issuedAt = deps.clock.now();
  const long = await tokenCall(
    deps,
    params.credentialId,
    'long-lived token exchange',
    {
      grant_type: 'fb_exchange_token',
      client_id: app.clientId,
      client_secret: app.clientSecret,
      fb_exchange_token: short.data.access_token,
    },
    [params.code, short.data.access_token],
    params.signal,
  );
  const tokens: OAuthTokenSet = {
    accessToken: long.data.access_token,
    refreshToken: null,
    accessTokenExpiresAt: expiresAt(issuedAt, long.data.expires_in),
    refreshTokenExpiresAt: null,
    scopes: [],
    grantedAccountIds: [],
  };
  const permissions = await graphRequest(
    deps,
    {
      credential: {
        credentialId: params.credentialId,
        tokens,
        ...(params.signal && { signal: params.signal }),
      },
      label: 'granted permissions',
    },
    { path: 'me/permissions', schema: MetaPermissionsSchema },
  );
  return {
    ...tokens,
    scopes: permissions.data.data.filter((p) => p.status === 'granted').map((p) => p.permission),
  };
}

export function metaRefresh(deps: PlatformDeps, credential: CredentialContext): Promise<OAuthTokenSet> {
  const until = credential.tokens.accessTokenExpiresAt;
  return Promise.reject(
    new ProviderError({
      providerId,
      kind: 'auth',
      platformCode: 'NO_REFRESH',
      message:
        until && until.getTime() > deps.clock.now().getTime()
          ? 'Meta tokens cannot be refreshed and this one was rejected: reconnect Meta Ads.'
          : 'The Meta connection has expired (Meta tokens last about 60 days and cannot be refreshed): reconnect Meta Ads.',
    }),
  );
}

/** Removes the app's permissions for the user (Meta's revoke). */
export async function metaRevoke(deps: PlatformDeps, credential: CredentialContext): Promise<void> {
  await graphRequest(
    deps,
    { credential, label: 'revoke' },
    { method: 'DELETE', path: 'me/permissions', schema: MetaSuccessSchema },
  ).catch((error: unknown) => ignoreDeadToken(error));
}
