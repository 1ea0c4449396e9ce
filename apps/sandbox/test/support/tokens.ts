import { createHash } from 'node:crypto';
import { driveConsent } from '../../src';
import { ADA, CALLBACK, get, readJson } from './harness';

export const VERIFIER = 'sandbox-test-verifier-0123456789-abcdefghijklmnopq';
export const challengeOf = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

function str(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new Error(`${what} missing: ${JSON.stringify(value)}`);
  return value;
}

export async function googleCode(
  url: string,
  options: { login?: string; offline?: boolean; pkce?: boolean; clientId?: string } = {},
) {
  const authorize = new URL(`${url}/accounts.google.com/o/oauth2/v2/auth`);
  authorize.search = new URLSearchParams({
    client_id: options.clientId ?? 'google-app',
    redirect_uri: CALLBACK,
    response_type: 'code',
    scope: 'https://www.googleapis.com/auth/adwords',
    state: 'google-state',
    ...(options.offline !== false && { access_type: 'offline', prompt: 'consent' }),
    ...(options.pkce !== false && { code_challenge: challengeOf(VERIFIER), code_challenge_method: 'S256' }),
  }).toString();
  const callback = await driveConsent(authorize.toString(), { login: options.login ?? ADA });
  return str(callback.searchParams.get('code'), 'code');
}

export function googleTokenRequest(url: string, fields: Record<string, string>) {
  return fetch(`${url}/oauth2.googleapis.com/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

export async function googleTokens(url: string, options: { login?: string; clientId?: string } = {}) {
  const clientId = options.clientId ?? 'google-app';
  const code = await googleCode(url, { ...options, clientId });
  const response = await googleTokenRequest(url, {
    grant_type: 'authorization_code',
    code,
    client_id: clientId,
    client_secret: 'google-secret',
    redirect_uri: CALLBACK,
    code_verifier: VERIFIER,
  });
  const body = await readJson(response);
  return {
    accessToken: str(get(body, 'access_token'), 'access_token'),
    refreshToken: str(get(body, 'refresh_token'), 'refresh_token'),
    clientId,
  };
}

export function googleAds(
  url: string,
  token: string,
  path: string,
  init: { query?: string; loginCustomerId?: string; developerToken?: string | null; stream?: boolean } = {},
) {
  const headers: Record<string, string> = {
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
  };
  if (init.developerToken !== null)
    headers['developer-token'] = init.developerToken ?? 'sandbox-developer-token';
  if (init.loginCustomerId) headers['login-customer-id'] = init.loginCustomerId;
  return fetch(`${url}/googleads.googleapis.com/v23/${path}`, {
    method: init.query === undefined ? 'GET' : 'POST',
    headers,
    ...(init.query !== undefined && { body: JSON.stringify({ query: init.query }) }),
  });
}

export async function metaCode(url: string, login = ADA) {
  const dialog = new URL(`${url}/www.facebook.com/v25.0/dialog/oauth`);
  dialog.search = new URLSearchParams({
    client_id: 'meta-app',
    redirect_uri: CALLBACK,
    state: 'meta-state',
    scope: 'ads_read,business_management',
  }).toString();
  const callback = await driveConsent(dialog.toString(), { login });
  return str(callback.searchParams.get('code'), 'code');
}

export const META_SECRET = 'meta-secret';

export async function metaTokens(url: string, login = ADA) {
  const code = await metaCode(url, login);
  const exchange = new URL(`${url}/graph.facebook.com/v25.0/oauth/access_token`);
  exchange.search = new URLSearchParams({
    client_id: 'meta-app',
    client_secret: META_SECRET,
    redirect_uri: CALLBACK,
    code,
  }).toString();
  const short = str(get(await readJson(await fetch(exchange)), 'access_token'), 'short-lived token');
  const longUrl = new URL(`${url}/graph.facebook.com/v25.0/oauth/access_token`);
  longUrl.search = new URLSearchParams({
    grant_type: 'fb_exchange_token',
    client_id: 'meta-app',
    client_secret: META_SECRET,
    fb_exchange_token: short,
  }).toString();
  const long = str(get(await readJson(await fetch(longUrl)), 'access_token'), 'long-lived token');
  return { short, long };
}

export async function linkedInCode(url: string, login = ADA) {
  const authorize = new URL(`${url}/www.linkedin.com/oauth/v2/authorization`);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: 'li-app',
    redirect_uri: CALLBACK,
    state: 'li-state',
    scope: 'r_ads r_ads_reporting',
  }).toString();
  const callback = await driveConsent(authorize.toString(), { login });
  return str(callback.searchParams.get('code'), 'code');
}

export function linkedInTokenRequest(url: string, fields: Record<string, string>) {
  return fetch(`${url}/www.linkedin.com/oauth/v2/accessToken`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: 'li-app', client_secret: 'li-secret', ...fields }).toString(),
  });
}

export async function linkedInTokens(url: string, login = ADA) {
  const code = await linkedInCode(url, login);
  const body = await readJson(
    await linkedInTokenRequest(url, { grant_type: 'authorization_code', code, redirect_uri: CALLBACK }),
  );
  return {
    accessToken: str(get(body, 'access_token'), 'access_token'),
    refreshToken: str(get(body, 'refresh_token'), 'refresh_token'),
  };
}

/** Last month as YYYYMM: always an active LinkedIn-Version. */
export function activeLinkedInVersion(now = new Date()): string {
  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return `${month.getUTCFullYear()}${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function linkedIn(
  url: string,
  token: string,
  pathAndQuery: string,
  headers: Record<string, string | null> = {},
) {
  const all: Record<string, string | null> = {
    authorization: `Bearer ${token}`,
    'linkedin-version': activeLinkedInVersion(),
    'x-restli-protocol-version': '2.0.0',
    ...headers,
  };
  return fetch(`${url}/api.linkedin.com/rest/${pathAndQuery}`, {
    headers: Object.fromEntries(
      Object.entries(all).filter((entry): entry is [string, string] => entry[1] !== null),
    ),
  });
}

export async function tiktokCode(url: string, login = ADA) {
  const authorize = new URL(`${url}/business-api.tiktok.com/portal/auth`);
  authorize.search = new URLSearchParams({
    app_id: 'tt-app',
    state: 'tt-state',
    redirect_uri: CALLBACK,
  }).toString();
  const callback = await driveConsent(authorize.toString(), { login });
  return str(callback.searchParams.get('auth_code'), 'auth_code');
}

export function tiktokPost(url: string, path: string, body: unknown) {
  return fetch(`${url}/business-api.tiktok.com/open_api/v1.3/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

export async function tiktokToken(url: string, login = ADA) {
  const authCode = await tiktokCode(url, login);
  const body = await readJson(
    await tiktokPost(url, 'oauth2/access_token/', {
      app_id: 'tt-app',
      secret: 'tt-secret',
      auth_code: authCode,
    }),
  );
  return str(get(body, 'data', 'access_token'), 'access_token');
}

export function tiktok(
  url: string,
  token: string | null,
  path: string,
  params: Record<string, string | number | readonly string[]> = {},
) {
  const query = new URLSearchParams(
    Object.entries(params).map(([k, v]): [string, string] => [
      k,
      typeof v === 'object' ? JSON.stringify(v) : String(v),
    ]),
  );
  return fetch(`${url}/business-api.tiktok.com/open_api/v1.3/${path}?${query.toString()}`, {
    headers: token === null ? {} : { 'access-token': token },
  });
}
