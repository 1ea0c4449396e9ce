import { findLogin } from '../../data/fixtures';
import { formFields, jsonReply, type Reply } from '../../http/types';
import { readAuthorizationRequest } from '../../oauth/authorization-request';
import { consentDecisionRoute, consentPage, oauthErrorPage, stateParam } from '../../oauth/consent';
import { type Grant, randomToken } from '../../oauth/grants';
import type { ApiRoute, OpenRoute, RouteContext } from '../platform';
import { expiredTokenError, graphError } from './errors';

const NAME = 'Facebook';
/** A code's token lasts hours; `fb_exchange_token` turns it into one of about 60 days. No refresh tokens. */
const META_SHORT_LIVED_S = 7_200;
const META_LONG_LIVED_S = 5_183_944;
const CODE_LIFETIME_MS = 10 * 60_000;
const VERSION = String.raw`\/(?:v\d+\.\d+)`;

const newToken = () => `EAAS${randomToken(90).replace(/[-_]/g, 'Z')}`;

function dialog(context: RouteContext): Reply {
  const q = context.request.query;
  const read = readAuthorizationRequest(context, NAME, {
    clientIdParam: 'client_id',
    missingClientId: 'The parameter app_id is required',
    badRedirectUri: "URL blocked: redirect_uri must be an absolute http(s) URL of the app's domain.",
  });
  if ('refused' in read) return read.refused;
  const responseType = q.get('response_type') ?? 'code';
  if (responseType !== 'code') {
    return oauthErrorPage(
      NAME,
      'invalid_request',
      `The sandbox serves the code flow only (response_type=code), not ${responseType}.`,
    );
  }
  const scopes = (q.get('scope') ?? '').split(/[,\s]+/).filter(Boolean);
  return consentPage(context, 'Facebook Login for Business', {
    provider: 'facebook',
    ...read.request,
    scopes: [...new Set([...scopes, 'public_profile'])],
    offline: false,
  });
}

/** Query and form fields together: Graph accepts either. */
function params(context: RouteContext): URLSearchParams {
  const merged = new URLSearchParams(context.request.query);
  if (context.request.method === 'POST')
    for (const [key, value] of formFields(context.request)) merged.set(key, value);
  return merged;
}

function missing(name: string): Reply {
  return graphError(400, { message: `Missing ${name} parameter.`, code: 100 });
}

const tokenReply = (token: string, expiresIn: number) =>
  jsonReply(200, { access_token: token, token_type: 'bearer', expires_in: expiresIn });

function exchangeCode(context: RouteContext, p: URLSearchParams): Reply {
  for (const name of ['client_id', 'redirect_uri', 'client_secret', 'code'])
    if (!p.get(name)) return missing(name);
  const { grants } = context.state;
  const redemption = grants.redeemCode('facebook', p.get('code') ?? '', context.now);
  if (redemption.status === 'unknown')
    return graphError(400, { message: 'Invalid verification code format.', code: 100 });
  if (redemption.status === 'used') {
    return graphError(400, {
      message: 'This authorization code has been used.',
      code: 100,
      error_subcode: 36009,
    });
  }
  if (redemption.status === 'expired') {
    return graphError(400, {
      message: 'This authorization code has expired.',
      code: 100,
      error_subcode: 36007,
    });
  }
  const { pending, loginId } = redemption.code;
  if (pending.clientId !== p.get('client_id')) {
    return graphError(400, { message: 'Error validating application. Invalid application ID.', code: 101 });
  }
  if (pending.redirectUri !== p.get('redirect_uri')) {
    return graphError(400, {
      message:
        'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
      code: 100,
      error_subcode: 36008,
    });
  }
  const grant = grants.createGrant({
    provider: 'facebook',
    clientId: pending.clientId,
    clientSecret: p.get('client_secret') ?? '',
    loginId,
    scopes: pending.scopes,
    createdAt: context.now,
    refreshToken: null,
    refreshTokenExpiresAt: null,
  });
  const access = grants.issueAccessToken(grant, newToken(), context.now, META_SHORT_LIVED_S * 1000, 'short');
  return tokenReply(access.token, META_SHORT_LIVED_S);
}

function exchangeForLongLived(context: RouteContext, p: URLSearchParams): Reply {
  for (const name of ['client_id', 'client_secret', 'fb_exchange_token'])
    if (!p.get(name)) return missing(name);
  const { grants } = context.state;
  const check = grants.checkAccess('facebook', p.get('fb_exchange_token') ?? '', context.now);
  if (check.status === 'missing' || check.status === 'invalid') {
    return graphError(400, { message: 'Invalid OAuth access token - Cannot parse access token', code: 190 });
  }
  if (check.status === 'expired') return expiredTokenError(check.access.expiresAt, context.now);
  if (check.status === 'revoked') {
    return graphError(400, {
      message: 'Error validating access token: The user has not authorized application.',
      code: 190,
      error_subcode: 458,
    });
  }
  if (check.grant.clientId !== p.get('client_id')) {
    return graphError(400, { message: 'Error validating application. Invalid application ID.', code: 101 });
  }
  const access = grants.issueAccessToken(
    check.grant,
    newToken(),
    context.now,
    META_LONG_LIVED_S * 1000,
    'long',
  );
  return tokenReply(access.token, META_LONG_LIVED_S);
}

function accessToken(context: RouteContext): Reply {
  const p = params(context);
  if (p.get('grant_type') === 'fb_exchange_token') return exchangeForLongLived(context, p);
  if (p.get('grant_type') === 'client_credentials') {
    return graphError(400, { message: 'The sandbox issues user tokens only (code flow).', code: 100 });
  }
  return exchangeCode(context, p);
}

function tokenInfo(grant: Grant, expiresAt: number | null, issuedAt: number) {
  const login = findLogin('facebook', grant.loginId);
  const seconds = (ms: number) => Math.floor(ms / 1000);
  return {
    app_id: grant.clientId,
    type: 'USER',
    application: `Sandbox app ${grant.clientId}`,
    data_access_expires_at: seconds(grant.createdAt + 90 * 86_400_000),
    expires_at: expiresAt === null ? 0 : seconds(expiresAt),
    issued_at: seconds(issuedAt),
    scopes: grant.scopes,
    granular_scopes: grant.scopes
      .filter((scope) => scope.startsWith('ads_') || scope === 'business_management')
      .map((scope) => ({ scope, target_ids: login?.accountIds ?? [] })),
    user_id: login?.platformUserId ?? '',
  };
}

/** `GET /debug_token`: what a token is, whoever asks (an app token `app_id|secret` or a user token). */
function debugToken(context: RouteContext): Reply {
  const p = params(context);
  if (!p.get('access_token')) {
    return graphError(400, {
      message:
        '(#100) You must provide an app access token, or a user access token that is an owner or developer of the app',
      code: 100,
    });
  }
  const input = p.get('input_token');
  if (!input) return missing('input_token');
  const check = context.state.grants.checkAccess('facebook', input, context.now);
  if (check.status === 'missing' || check.status === 'invalid') {
    return jsonReply(200, {
      data: {
        error: { code: 190, message: 'Invalid OAuth access token - Cannot parse access token' },
        is_valid: false,
        scopes: [],
      },
    });
  }
  const info = tokenInfo(check.grant, check.access.expiresAt, check.access.issuedAt);
  if (check.status === 'ok') return jsonReply(200, { data: { ...info, is_valid: true } });
  const error =
    check.status === 'expired'
      ? { code: 190, subcode: 463, message: 'Error validating access token: Session has expired.' }
      : {
          code: 190,
          subcode: 458,
          message: 'Error validating access token: The user has not authorized application.',
        };
  return jsonReply(200, { data: { ...info, error, is_valid: false, scopes: [] } });
}

export const metaOAuthRoutes: OpenRoute[] = [
  {
    method: 'GET',
    host: 'www.facebook.com',
    path: new RegExp(`^(?:${VERSION})?\\/dialog\\/oauth$`),
    kind: 'page',
    handle: dialog,
  },
  consentDecisionRoute('www.facebook.com', {
    provider: 'facebook',
    platformName: NAME,
    newCode: () => `AQ${randomToken(120)}`,
    codeLifetimeMs: CODE_LIFETIME_MS,
    allowParams: (code) => [['code', code.code], ...stateParam(code.pending.state)],
    denyParams: (pending) => [
      ['error', 'access_denied'],
      ['error_code', '200'],
      ['error_description', 'Permissions error'],
      ['error_reason', 'user_denied'],
      ...stateParam(pending.state),
    ],
    fragment: '#_=_',
  }),
  {
    method: 'GET',
    host: 'graph.facebook.com',
    path: new RegExp(`^(?:${VERSION})?\\/oauth\\/access_token$`),
    kind: 'oauth',
    handle: accessToken,
  },
  {
    method: 'POST',
    host: 'graph.facebook.com',
    path: new RegExp(`^(?:${VERSION})?\\/oauth\\/access_token$`),
    kind: 'oauth',
    handle: accessToken,
  },
  {
    method: 'GET',
    host: 'graph.facebook.com',
    path: new RegExp(`^(?:${VERSION})?\\/debug_token$`),
    kind: 'oauth',
    handle: debugToken,
  },
];

/** `/me/permissions`: what the user granted; DELETE revokes the app's whole grant. */
export const metaPermissionRoutes: ApiRoute[] = [
  {
    method: 'GET',
    host: 'graph.facebook.com',
    path: new RegExp(`^(?:${VERSION})?\\/me\\/permissions$`),
    kind: 'api',
    handle: (context) =>
      jsonReply(200, { data: context.grant.scopes.map((permission) => ({ permission, status: 'granted' })) }),
  },
  {
    method: 'DELETE',
    host: 'graph.facebook.com',
    path: new RegExp(`^(?:${VERSION})?\\/me\\/permissions$`),
    kind: 'api',
    handle: (context) => {
      context.state.grants.revoke(context.grant, context.now);
      return jsonReply(200, { success: true });
    },
  },
];
