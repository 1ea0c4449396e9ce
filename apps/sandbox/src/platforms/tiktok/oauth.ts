import { z } from 'zod';
import { findLogin } from '../../data/fixtures';
import { formFields, header, parseJson, type Reply, type SandboxRequest } from '../../http/types';
import { readAuthorizationRequest } from '../../oauth/authorization-request';
import { consentDecisionRoute, consentPage, stateParam } from '../../oauth/consent';
import { randomToken } from '../../oauth/grants';
import type { OpenRoute, RouteContext } from '../platform';
import { ok, paramError, tiktokReply } from './envelope';

const NAME = 'TikTok For Business';
export const TIKTOK_HOST = 'business-api.tiktok.com';
/** The API prefix as a regular expression. */
export const API = String.raw`\/open_api\/v1\.3`;
/** An auth_code is valid for one hour and once. */
const CODE_LIFETIME_MS = 60 * 60_000;
/** The permission ids a Marketing API app is typically granted (TikTok sends numbers). */
const SCOPE_IDS = [1, 2, 3, 4, 5, 6, 7, 10, 11, 12];

function authorize(context: RouteContext): Reply {
  const read = readAuthorizationRequest(context, NAME, {
    clientIdParam: 'app_id',
    missingClientId: 'app_id is required',
    badRedirectUri:
      'redirect_uri must be one of the app’s advertiser redirect URLs (an absolute http(s) URL)',
  });
  if ('refused' in read) return read.refused;
  return consentPage(context, NAME, { provider: 'tiktok', ...read.request, scopes: [], offline: false });
}

/** TikTok's OAuth endpoints take a JSON body; a form body is accepted too. */
function bodyFields(request: SandboxRequest): Record<string, string> {
  const type = header(request, 'content-type') ?? '';
  if (type.includes('application/json')) {
    const parsed = z.record(z.string(), z.unknown()).safeParse(parseJson(request.body.toString('utf8')));
    if (!parsed.success) return {};
    return Object.fromEntries(
      Object.entries(parsed.data).flatMap(([k, v]) =>
        typeof v === 'string' || typeof v === 'number' ? [[k, String(v)]] : [],
      ),
    );
  }
  return Object.fromEntries(formFields(request));
}

function requireFields(now: number, fields: Record<string, string>, names: string[]): Reply | undefined {
  const missing = names.find((name) => !fields[name]);
  return missing ? paramError(now, `${missing}: Missing data for required field.`) : undefined;
}

function accessToken(context: RouteContext): Reply {
  const { now } = context;
  const fields = bodyFields(context.request);
  const refused = requireFields(now, fields, ['app_id', 'secret', 'auth_code']);
  if (refused) return refused;
  const { grants } = context.state;
  const redemption = grants.redeemCode('tiktok', fields.auth_code ?? '', now);
  if (redemption.status === 'unknown') return tiktokReply(now, 40110, 'Auth code is invalid.');
  if (redemption.status === 'used') return tiktokReply(now, 40110, 'Auth code has been used.');
  if (redemption.status === 'expired')
    return tiktokReply(now, 40110, 'Auth code has expired (it is valid for 1 hour).');
  const { pending, loginId } = redemption.code;
  if (pending.clientId !== fields.app_id)
    return tiktokReply(now, 40113, 'The app_id does not match the auth_code.');
  const grant = grants.createGrant({
    provider: 'tiktok',
    clientId: pending.clientId,
    clientSecret: fields.secret ?? '',
    loginId,
    scopes: SCOPE_IDS.map(String),
    createdAt: now,
    refreshToken: null,
    refreshTokenExpiresAt: null,
  });
  // The Marketing API token does not expire: it ends when the advertiser revokes it.
  const access = grants.issueAccessToken(grant, randomToken(20, 'hex'), now, null, 'access');
  return ok(now, {
    access_token: access.token,
    advertiser_ids: findLogin('tiktok', loginId)?.accountIds ?? [],
    scope: SCOPE_IDS,
  });
}

function refreshToken(context: RouteContext): Reply {
  return tiktokReply(
    context.now,
    40107,
    'The refresh_token is invalid or expired: Marketing API access tokens do not expire and cannot be refreshed.',
  );
}

function revokeToken(context: RouteContext): Reply {
  const { now } = context;
  const fields = bodyFields(context.request);
  const refused = requireFields(now, fields, ['app_id', 'secret', 'access_token']);
  if (refused) return refused;
  const grant = context.state.grants.grantOfAnyToken(fields.access_token ?? '');
  if (grant?.provider !== 'tiktok' || grant.revokedAt !== null) {
    return tiktokReply(now, 40105, 'Access token is incorrect or has been revoked.');
  }
  context.state.grants.revoke(grant, now);
  return ok(now, {});
}

export const tiktokOAuthRoutes: OpenRoute[] = [
  { method: 'GET', host: TIKTOK_HOST, path: /^\/portal\/auth$/, kind: 'page', handle: authorize },
  consentDecisionRoute(TIKTOK_HOST, {
    provider: 'tiktok',
    platformName: NAME,
    newCode: () => randomToken(20, 'hex'),
    codeLifetimeMs: CODE_LIFETIME_MS,
    allowParams: (code) => [['auth_code', code.code], ['code', code.code], ...stateParam(code.pending.state)],
    denyParams: (pending) => [
      ['error', 'access_denied'],
      ['error_description', 'The advertiser did not authorize the app.'],
      ...stateParam(pending.state),
    ],
  }),
  {
    method: 'POST',
    host: TIKTOK_HOST,
    path: new RegExp(`^${API}/oauth2/access_token/$`),
    kind: 'oauth',
    handle: accessToken,
  },
  {
    method: 'POST',
    host: TIKTOK_HOST,
    path: new RegExp(`^${API}/oauth2/refresh_token/$`),
    kind: 'oauth',
    handle: refreshToken,
  },
  {
    method: 'POST',
    host: TIKTOK_HOST,
    path: new RegExp(`^${API}/oauth2/revoke_token/$`),
    kind: 'oauth',
    handle: revokeToken,
  },
];
