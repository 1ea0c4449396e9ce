import { formFields, jsonReply, type Reply } from '../../http/types';
import { readAuthorizationRequest } from '../../oauth/authorization-request';
import { consentDecisionRoute, consentPage, oauthErrorPage, stateParam } from '../../oauth/consent';
import { type Grant, randomToken } from '../../oauth/grants';
import type { OpenRoute, RouteContext } from '../platform';

const NAME = 'LinkedIn';
/** 60-day access tokens; the refresh token lives 365 days from consent and refreshing does not move that. */
const LINKEDIN_ACCESS_S = 5_184_000;
const LINKEDIN_REFRESH_S = 31_536_000;
const CODE_LIFETIME_MS = 30 * 60_000;
const HOST = 'www.linkedin.com';

const oauthError = (status: number, error: string, description: string): Reply =>
  jsonReply(status, { error, error_description: description });

const newAccessToken = () => `AQV${randomToken(120)}`;

function authorize(context: RouteContext): Reply {
  const q = context.request.query;
  const read = readAuthorizationRequest(context, NAME, {
    clientIdParam: 'client_id',
    missingClientId: 'A required parameter "client_id" is missing',
    badRedirectUri:
      'The redirect_uri does not match the registered value (it must be an absolute http(s) URL)',
  });
  if ('refused' in read) return read.refused;
  if (q.get('response_type') !== 'code') {
    return oauthErrorPage(
      NAME,
      'invalid_request',
      'A required parameter "response_type" is missing or is not "code"',
    );
  }
  const scopes = (q.get('scope') ?? '').split(/[\s,]+/).filter(Boolean);
  if (scopes.length === 0)
    return oauthErrorPage(NAME, 'invalid_request', 'A required parameter "scope" is missing');
  return consentPage(context, 'LinkedIn', {
    provider: 'linkedin',
    ...read.request,
    scopes,
    offline: true,
  });
}

function exchangeCode(context: RouteContext, fields: URLSearchParams): Reply {
  for (const name of ['code', 'redirect_uri']) {
    if (!fields.get(name))
      return oauthError(400, 'invalid_request', `A required parameter "${name}" is missing`);
  }
  const { grants } = context.state;
  const redemption = grants.redeemCode('linkedin', fields.get('code') ?? '', context.now);
  const mismatch = oauthError(
    400,
    'invalid_request',
    'Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code. Or authorization code expired. Or external member binding exists',
  );
  if (redemption.status !== 'ok') return mismatch;
  const { pending, loginId } = redemption.code;
  if (pending.clientId !== fields.get('client_id') || pending.redirectUri !== fields.get('redirect_uri'))
    return mismatch;
  const grant = grants.createGrant({
    provider: 'linkedin',
    clientId: pending.clientId,
    loginId,
    scopes: pending.scopes,
    createdAt: context.now,
    refreshToken: `AQW${randomToken(120)}`,
    refreshTokenExpiresAt: context.now + LINKEDIN_REFRESH_S * 1000,
  });
  return accessTokenReply(context, grant, LINKEDIN_REFRESH_S);
}

function refresh(context: RouteContext, fields: URLSearchParams): Reply {
  const refreshToken = fields.get('refresh_token');
  if (!refreshToken)
    return oauthError(400, 'invalid_request', 'A required parameter "refresh_token" is missing');
  const { grants } = context.state;
  const grant = grants.grantOfRefreshToken('linkedin', refreshToken);
  const dead = oauthError(
    400,
    'invalid_request',
    'The provided authorization grant or refresh token is invalid, expired or revoked.',
  );
  if (!grant || grant.revokedAt !== null || grant.clientId !== fields.get('client_id')) return dead;
  const endsAt = grant.refreshTokenExpiresAt ?? 0;
  if (context.now >= endsAt) return dead;
  // Time left until the end fixed at consent: refreshing never extends it.
  return accessTokenReply(context, grant, Math.floor((endsAt - context.now) / 1000));
}

/** A new 60-day access token on the grant, with the grant's refresh token and its time left. */
function accessTokenReply(context: RouteContext, grant: Grant, refreshExpiresInS: number): Reply {
  const access = context.state.grants.issueAccessToken(
    grant,
    newAccessToken(),
    context.now,
    LINKEDIN_ACCESS_S * 1000,
    'access',
  );
  return jsonReply(200, {
    access_token: access.token,
    expires_in: LINKEDIN_ACCESS_S,
    refresh_token: grant.refreshToken,
    refresh_token_expires_in: refreshExpiresInS,
    scope: grant.scopes.join(','),
  });
}

function clientCheck(fields: URLSearchParams): Reply | undefined {
  if (!fields.get('client_id') || !fields.get('client_secret')) {
    return oauthError(401, 'invalid_client', 'Client authentication failed');
  }
  return undefined;
}

function accessToken(context: RouteContext): Reply {
  const fields = formFields(context.request);
  const refused = clientCheck(fields);
  if (refused) return refused;
  const grantType = fields.get('grant_type');
  if (grantType === 'authorization_code') return exchangeCode(context, fields);
  if (grantType === 'refresh_token') return refresh(context, fields);
  return oauthError(400, 'unsupported_grant_type', `grant_type "${grantType ?? ''}" is not supported`);
}

function revoke(context: RouteContext): Reply {
  const fields = formFields(context.request);
  const refused = clientCheck(fields);
  if (refused) return refused;
  const grant = context.state.grants.grantOfAnyToken(fields.get('token') ?? '');
  if (grant?.provider === 'linkedin') context.state.grants.revoke(grant, context.now);
  return { status: 200, body: '' };
}

function introspect(context: RouteContext): Reply {
  const fields = formFields(context.request);
  const refused = clientCheck(fields);
  if (refused) return refused;
  const check = context.state.grants.checkAccess('linkedin', fields.get('token') ?? '', context.now);
  if (check.status === 'missing' || check.status === 'invalid') return jsonReply(200, { active: false });
  const seconds = (ms: number) => Math.floor(ms / 1000);
  return jsonReply(200, {
    active: check.status === 'ok',
    client_id: check.grant.clientId,
    authorized_at: seconds(check.grant.createdAt),
    created_at: seconds(check.access.issuedAt),
    status: check.status === 'ok' ? 'active' : check.status,
    expires_at: seconds(check.access.expiresAt ?? 0),
    scope: check.grant.scopes.join(','),
    auth_type: '3L',
  });
}

export const linkedInOAuthRoutes: OpenRoute[] = [
  { method: 'GET', host: HOST, path: /^\/oauth\/v2\/authorization$/, kind: 'page', handle: authorize },
  consentDecisionRoute(HOST, {
    provider: 'linkedin',
    platformName: NAME,
    newCode: () => `AQT${randomToken(90)}`,
    codeLifetimeMs: CODE_LIFETIME_MS,
    allowParams: (code) => [['code', code.code], ...stateParam(code.pending.state)],
    denyParams: (pending) => [
      ['error', 'user_cancelled_authorize'],
      ['error_description', 'The user cancelled the authorization'],
      ...stateParam(pending.state),
    ],
  }),
  { method: 'POST', host: HOST, path: /^\/oauth\/v2\/accessToken$/, kind: 'oauth', handle: accessToken },
  { method: 'POST', host: HOST, path: /^\/oauth\/v2\/revoke$/, kind: 'oauth', handle: revoke },
  { method: 'POST', host: HOST, path: /^\/oauth\/v2\/introspectToken$/, kind: 'oauth', handle: introspect },
];
