import { formFields, jsonReply, type Reply } from '../../http/types';
import { readAuthorizationRequest } from '../../oauth/authorization-request';
import { consentDecisionRoute, consentPage, oauthErrorPage, stateParam } from '../../oauth/consent';
import { type Grant, randomToken } from '../../oauth/grants';
import { isPkceValue, verifyPkce } from '../../oauth/pkce';
import type { OpenRoute, RouteContext } from '../platform';

const NAME = 'Google';
const GOOGLE_ACCESS_TOKEN_LIFETIME_S = 3599;
const CODE_LIFETIME_MS = 10 * 60_000;

const tokenError = (status: number, error: string, description: string): Reply =>
  jsonReply(status, { error, error_description: description });

function authorize(context: RouteContext): Reply {
  const q = context.request.query;
  for (const name of ['client_id', 'redirect_uri', 'response_type', 'scope']) {
    if (!q.get(name)) return oauthErrorPage(NAME, 'invalid_request', `Missing required parameter: ${name}`);
  }
  const read = readAuthorizationRequest(context, NAME, {
    clientIdParam: 'client_id',
    missingClientId: 'Missing required parameter: client_id',
    badRedirectUri: 'Invalid parameter value for redirect_uri: must be an absolute http(s) URL',
  });
  if ('refused' in read) return read.refused;
  if (q.get('response_type') !== 'code') {
    return oauthErrorPage(
      NAME,
      'unsupported_response_type',
      `Invalid response_type: ${q.get('response_type')}`,
    );
  }
  const accessType = q.get('access_type') ?? 'online';
  if (accessType !== 'online' && accessType !== 'offline') {
    return oauthErrorPage(NAME, 'invalid_request', `Invalid access_type: ${accessType}`);
  }
  const challenge = q.get('code_challenge');
  const method = q.get('code_challenge_method') ?? (challenge ? 'plain' : null);
  if (challenge !== null && !isPkceValue(challenge)) {
    return oauthErrorPage(
      NAME,
      'invalid_request',
      'Invalid code_challenge: 43-128 characters of [A-Za-z0-9-._~]',
    );
  }
  if (method !== null && method !== 'S256' && method !== 'plain') {
    return oauthErrorPage(
      NAME,
      'invalid_request',
      `Invalid code_challenge_method: ${method} (S256 or plain)`,
    );
  }
  if (method !== null && challenge === null) {
    return oauthErrorPage(NAME, 'invalid_request', 'Missing required parameter: code_challenge');
  }
  return consentPage(context, 'Google Ads', {
    provider: 'google',
    ...read.request,
    scopes: (q.get('scope') ?? '').split(/\s+/).filter(Boolean),
    codeChallenge: challenge,
    codeChallengeMethod: method,
    offline: accessType === 'offline',
  });
}

function exchangeCode(context: RouteContext, fields: URLSearchParams): Reply {
  const { grants } = context.state;
  const code = fields.get('code');
  if (!code) return tokenError(400, 'invalid_request', 'Missing required parameter: code');
  if (!fields.get('redirect_uri'))
    return tokenError(400, 'invalid_request', 'Missing parameter: redirect_uri');
  const redemption = grants.redeemCode('google', code, context.now);
  if (redemption.status === 'unknown') return tokenError(400, 'invalid_grant', 'Malformed auth code.');
  if (redemption.status !== 'ok') return tokenError(400, 'invalid_grant', 'Bad Request');
  const { pending, loginId } = redemption.code;
  if (pending.clientId !== fields.get('client_id'))
    return tokenError(401, 'unauthorized_client', 'Unauthorized');
  if (pending.redirectUri !== fields.get('redirect_uri'))
    return tokenError(400, 'redirect_uri_mismatch', 'Bad Request');
  const verifier = fields.get('code_verifier');
  if (pending.codeChallenge && pending.codeChallengeMethod) {
    if (!verifier) return tokenError(400, 'invalid_grant', 'Missing code verifier.');
    if (!verifyPkce(pending.codeChallenge, pending.codeChallengeMethod, verifier)) {
      return tokenError(400, 'invalid_grant', 'Invalid code verifier.');
    }
  } else if (verifier) {
    return tokenError(400, 'invalid_grant', 'code_verifier or verifier is not needed.');
  }
  const grant = grants.createGrant({
    provider: 'google',
    clientId: pending.clientId,
    loginId,
    scopes: pending.scopes,
    createdAt: context.now,
    refreshToken: pending.offline ? `1//sandbox-${randomToken(36)}` : null,
    refreshTokenExpiresAt: null,
  });
  return accessTokenReply(context, grant, grant.refreshToken ? { refresh_token: grant.refreshToken } : {});
}

function refresh(context: RouteContext, fields: URLSearchParams): Reply {
  const { grants } = context.state;
  const refreshToken = fields.get('refresh_token');
  if (!refreshToken) return tokenError(400, 'invalid_request', 'Missing required parameter: refresh_token');
  const grant = grants.grantOfRefreshToken('google', refreshToken);
  if (!grant || grant.revokedAt !== null)
    return tokenError(400, 'invalid_grant', 'Token has been expired or revoked.');
  if (grant.clientId !== fields.get('client_id'))
    return tokenError(401, 'unauthorized_client', 'Unauthorized');
  return accessTokenReply(context, grant);
}

/** A new access token on the grant, as Google's token endpoint answers (the refresh token only at consent). */
function accessTokenReply(
  context: RouteContext,
  grant: Grant,
  refresh: { refresh_token?: string } = {},
): Reply {
  const access = context.state.grants.issueAccessToken(
    grant,
    `ya29.sandbox-${randomToken(48)}`,
    context.now,
    GOOGLE_ACCESS_TOKEN_LIFETIME_S * 1000,
    'access',
  );
  return jsonReply(200, {
    access_token: access.token,
    expires_in: GOOGLE_ACCESS_TOKEN_LIFETIME_S,
    ...refresh,
    scope: grant.scopes.join(' '),
    token_type: 'Bearer',
  });
}

function token(context: RouteContext): Reply {
  const fields = formFields(context.request);
  if (!fields.get('client_id'))
    return tokenError(400, 'invalid_request', 'Could not determine client ID from request.');
  if (!fields.get('client_secret')) return tokenError(400, 'invalid_request', 'client_secret is missing.');
  const grantType = fields.get('grant_type');
  if (grantType === 'authorization_code') return exchangeCode(context, fields);
  if (grantType === 'refresh_token') return refresh(context, fields);
  return tokenError(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType ?? ''}`);
}

/** Revoking either token of a grant ends the whole grant. */
function revoke(context: RouteContext): Reply {
  const fields = formFields(context.request);
  const value = fields.get('token') ?? context.request.query.get('token');
  if (!value) return tokenError(400, 'invalid_request', 'Missing required parameter: token');
  const grant = context.state.grants.grantOfAnyToken(value);
  if (grant?.provider !== 'google' || grant.revokedAt !== null) {
    return tokenError(400, 'invalid_token', 'Token expired or revoked');
  }
  context.state.grants.revoke(grant, context.now);
  return jsonReply(200, {});
}

export const googleOAuthRoutes: OpenRoute[] = [
  {
    method: 'GET',
    host: 'accounts.google.com',
    path: /^\/o\/oauth2\/(v2\/)?auth$/,
    kind: 'page',
    handle: authorize,
  },
  consentDecisionRoute('accounts.google.com', {
    provider: 'google',
    platformName: NAME,
    newCode: () => `4/0Asandbox-${randomToken(30)}`,
    codeLifetimeMs: CODE_LIFETIME_MS,
    allowParams: (code) => [
      ...stateParam(code.pending.state),
      ['code', code.code],
      ['scope', code.pending.scopes.join(' ')],
    ],
    denyParams: (pending) => [['error', 'access_denied'], ...stateParam(pending.state)],
  }),
  { method: 'POST', host: 'oauth2.googleapis.com', path: /^\/token$/, kind: 'oauth', handle: token },
  {
    method: 'POST',
    host: 'www.googleapis.com',
    path: /^\/oauth2\/v[34]\/token$/,
    kind: 'oauth',
    handle: token,
  },
  { method: 'POST', host: 'oauth2.googleapis.com', path: /^\/revoke$/, kind: 'oauth', handle: revoke },
];
