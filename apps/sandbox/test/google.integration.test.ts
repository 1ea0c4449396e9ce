import { describe, expect, it } from 'vitest';
import { addDays, driveConsent, expectedDailyTotals, fixtures, localDate } from '../src';
import {
  ADA,
  BEN,
  CALLBACK,
  control,
  get,
  readJson,
  sandboxTestStartMs,
  useSandbox,
} from './support/harness';
import {
  challengeOf,
  googleAds,
  googleCode,
  googleTokenRequest,
  googleTokens,
  VERIFIER,
} from './support/tokens';

const MANAGER = '4455667788';
const ACME_US = '1112223334';
const ACME_DE = '2223334445';
const OLD_BRAND = '5556667778';

const campaignQuery = (start: string, end: string) =>
  'SELECT customer.id, customer.currency_code, customer.time_zone, campaign.id, campaign.name, campaign.status, ' +
  'campaign.advertising_channel_type, segments.date, metrics.cost_micros, metrics.impressions, metrics.clicks, ' +
  `metrics.conversions, metrics.conversions_value FROM campaign WHERE segments.date BETWEEN '${start}' AND '${end}'`;

interface Row {
  campaign: { id: string; advertisingChannelType?: string };
  segments: { date: string };
  metrics: {
    costMicros?: string;
    impressions?: string;
    clicks?: string;
    conversions?: number;
    conversionsValue?: number;
  };
}

describe('Google OAuth', () => {
  const env = useSandbox();

  it('runs the code flow with PKCE and offline access: code + state + scope on the callback, then tokens', async () => {
    const authorize = `${env.url}/accounts.google.com/o/oauth2/v2/auth?${new URLSearchParams({
      client_id: 'google-app',
      redirect_uri: CALLBACK,
      response_type: 'code',
      scope: 'https://www.googleapis.com/auth/adwords',
      access_type: 'offline',
      state: 'st-123',
      code_challenge: challengeOf(VERIFIER),
      code_challenge_method: 'S256',
    })}`;
    const callback = await driveConsent(authorize, { login: ADA });
    expect(callback.origin + callback.pathname).toBe(CALLBACK);
    expect(callback.searchParams.get('state')).toBe('st-123');
    expect(callback.searchParams.get('scope')).toBe('https://www.googleapis.com/auth/adwords');
    const response = await googleTokenRequest(env.url, {
      grant_type: 'authorization_code',
      code: callback.searchParams.get('code') ?? '',
      client_id: 'google-app',
      client_secret: 'any-secret',
      redirect_uri: CALLBACK,
      code_verifier: VERIFIER,
    });
    expect(response.status).toBe(200);
    const body = await readJson(response);
    expect(body).toMatchObject({
      expires_in: 3599,
      token_type: 'Bearer',
      scope: 'https://www.googleapis.com/auth/adwords',
    });
    expect(get(body, 'access_token')).toMatch(/^ya29\./);
    expect(get(body, 'refresh_token')).toMatch(/^1\/\//);
    const grants = get(await readJson(await control(env.url, 'grants')), 'grants');
    expect(grants).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ provider: 'google', clientId: 'google-app', loginId: ADA }),
      ]),
    );
  });

  it('sends access_denied and the state back when the user denies', async () => {
    const authorize = `${env.url}/accounts.google.com/o/oauth2/v2/auth?client_id=a&redirect_uri=${encodeURIComponent(CALLBACK)}&response_type=code&scope=s&state=deny-me`;
    const callback = await driveConsent(authorize, { decision: 'deny' });
    expect(Object.fromEntries(callback.searchParams)).toEqual({ error: 'access_denied', state: 'deny-me' });
  });

  it('refuses an authorize request without client_id with an error page, not a redirect', async () => {
    const response = await fetch(
      `${env.url}/accounts.google.com/o/oauth2/v2/auth?redirect_uri=${encodeURIComponent(CALLBACK)}&response_type=code&scope=s`,
      {
        redirect: 'manual',
      },
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Missing required parameter: client_id');
  });

  it('spends a code once: the second exchange is invalid_grant', async () => {
    const code = await googleCode(env.url);
    const fields = {
      grant_type: 'authorization_code',
      code,
      client_id: 'google-app',
      client_secret: 's',
      redirect_uri: CALLBACK,
      code_verifier: VERIFIER,
    };
    expect((await googleTokenRequest(env.url, fields)).status).toBe(200);
    const again = await googleTokenRequest(env.url, fields);
    expect(again.status).toBe(400);
    expect(await readJson(again)).toMatchObject({ error: 'invalid_grant' });
  });

  it('checks the PKCE verifier: a wrong or missing one is invalid_grant', async () => {
    const base = {
      grant_type: 'authorization_code',
      client_id: 'google-app',
      client_secret: 's',
      redirect_uri: CALLBACK,
    };
    const wrong = await googleTokenRequest(env.url, {
      ...base,
      code: await googleCode(env.url),
      code_verifier: `${VERIFIER}-wrong`,
    });
    expect(wrong.status).toBe(400);
    expect(await readJson(wrong)).toEqual({
      error: 'invalid_grant',
      error_description: 'Invalid code verifier.',
    });
    const missing = await googleTokenRequest(env.url, { ...base, code: await googleCode(env.url) });
    expect(await readJson(missing)).toEqual({
      error: 'invalid_grant',
      error_description: 'Missing code verifier.',
    });
  });

  it('refuses a redirect_uri different from the one authorized', async () => {
    const code = await googleCode(env.url);
    const response = await googleTokenRequest(env.url, {
      grant_type: 'authorization_code',
      code,
      client_id: 'google-app',
      client_secret: 's',
      redirect_uri: 'http://evil.example/cb',
      code_verifier: VERIFIER,
    });
    expect(response.status).toBe(400);
    expect(await readJson(response)).toMatchObject({ error: 'redirect_uri_mismatch' });
  });

  it('gives no refresh token without offline access', async () => {
    const code = await googleCode(env.url, { offline: false, pkce: false });
    const body = await readJson(
      await googleTokenRequest(env.url, {
        grant_type: 'authorization_code',
        code,
        client_id: 'google-app',
        client_secret: 's',
        redirect_uri: CALLBACK,
      }),
    );
    expect(get(body, 'access_token')).toBeTypeOf('string');
    expect(get(body, 'refresh_token')).toBeUndefined();
  });

  it('refreshes, expires access tokens after an hour, and revocation kills the grant', async () => {
    const tokens = await googleTokens(env.url);
    const refresh = {
      grant_type: 'refresh_token',
      refresh_token: tokens.refreshToken,
      client_id: tokens.clientId,
      client_secret: 's',
    };
    const refreshed = await readJson(await googleTokenRequest(env.url, refresh));
    expect(get(refreshed, 'refresh_token')).toBeUndefined();
    const fresh = String(get(refreshed, 'access_token'));
    expect(fresh).not.toBe(tokens.accessToken);

    await control(env.url, 'clock', { method: 'POST', body: { advanceMs: 3_600_000 } });
    const expired = await googleAds(env.url, fresh, 'customers:listAccessibleCustomers');
    expect(expired.status).toBe(401);
    expect(get(await readJson(expired), 'error', 'details', 0, 'errors', 0, 'errorCode')).toEqual({
      authenticationError: 'OAUTH_TOKEN_EXPIRED',
    });
    await control(env.url, 'clock', { method: 'POST', body: { reset: true } });

    const revoke = await fetch(`${env.url}/oauth2.googleapis.com/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${encodeURIComponent(tokens.refreshToken)}`,
    });
    expect(revoke.status).toBe(200);
    const dead = await googleTokenRequest(env.url, refresh);
    expect(dead.status).toBe(400);
    expect(await readJson(dead)).toEqual({
      error: 'invalid_grant',
      error_description: 'Token has been expired or revoked.',
    });
    const api = await googleAds(env.url, fresh, 'customers:listAccessibleCustomers');
    expect(get(await readJson(api), 'error', 'details', 0, 'errors', 0, 'errorCode')).toEqual({
      authenticationError: 'OAUTH_TOKEN_REVOKED',
    });
  });
});

describe('Google Ads API', () => {
  const env = useSandbox();

  it('lists only the directly accessible customers and requires a developer token', async () => {
    const { accessToken } = await googleTokens(env.url);
    expect(
      await readJson(await googleAds(env.url, accessToken, 'customers:listAccessibleCustomers')),
    ).toEqual({ resourceNames: [`customers/${MANAGER}`] });
    const missing = await googleAds(env.url, accessToken, 'customers:listAccessibleCustomers', {
      developerToken: null,
    });
    expect(missing.status).toBe(400);
    expect(get(await readJson(missing), 'error', 'details', 0, 'errors', 0, 'errorCode')).toEqual({
      requestError: 'DEVELOPER_TOKEN_PARAMETER_MISSING',
    });
    const ben = await googleTokens(env.url, { login: BEN });
    expect(
      await readJson(await googleAds(env.url, ben.accessToken, 'customers:listAccessibleCustomers')),
    ).toEqual({ resourceNames: ['customers/7778889990'] });
  });

  it('answers the customer_client hierarchy through the manager, with proto3 defaults left out', async () => {
    const { accessToken } = await googleTokens(env.url);
    const query =
      'SELECT customer_client.client_customer, customer_client.id, customer_client.descriptive_name, customer_client.currency_code, ' +
      'customer_client.time_zone, customer_client.status, customer_client.manager, customer_client.level FROM customer_client';
    const response = await googleAds(env.url, accessToken, `customers/${MANAGER}/googleAds:searchStream`, {
      query,
      loginCustomerId: MANAGER,
    });
    expect(response.status).toBe(200);
    const batches = (await readJson(response)) as Array<{
      results: Array<{ customerClient: Record<string, unknown> }>;
      fieldMask: string;
    }>;
    expect(batches).toHaveLength(1);
    const clients = batches[0]?.results.map((r) => r.customerClient) ?? [];
    expect(clients.map((c) => c.id)).toEqual(
      expect.arrayContaining([MANAGER, '4455667799', ACME_US, ACME_DE, OLD_BRAND]),
    );
    const root = clients.find((c) => c.id === MANAGER);
    expect(root).toMatchObject({ manager: true, clientCustomer: `customers/${MANAGER}` });
    expect(root).not.toHaveProperty('level');
    const de = clients.find((c) => c.id === ACME_DE);
    expect(de).toMatchObject({
      level: '2',
      currencyCode: 'EUR',
      timeZone: 'Europe/Berlin',
      status: 'ENABLED',
    });
    expect(de).not.toHaveProperty('manager');
    expect(clients.find((c) => c.id === OLD_BRAND)).toMatchObject({ status: 'CANCELED' });
    expect(batches[0]?.fieldMask).toContain('customerClient.clientCustomer');
  });

  it('reaches a client only through a manager named in login-customer-id', async () => {
    const { accessToken } = await googleTokens(env.url);
    const query = 'SELECT campaign.id FROM campaign';
    const direct = await googleAds(env.url, accessToken, `customers/${ACME_US}/googleAds:searchStream`, {
      query,
    });
    expect(direct.status).toBe(403);
    const body = await readJson(direct);
    expect(Array.isArray(body)).toBe(true);
    expect(get(body, 0, 'error', 'details', 0, 'errors', 0, 'errorCode')).toEqual({
      authorizationError: 'USER_PERMISSION_DENIED',
    });
    const viaManager = await googleAds(env.url, accessToken, `customers/${ACME_DE}/googleAds:searchStream`, {
      query,
      loginCustomerId: MANAGER,
    });
    expect(viaManager.status).toBe(200);
  });

  it('streams campaign x day rows: int64 as strings, zero fields omitted, totals equal to the expected ones', async () => {
    const { accessToken } = await googleTokens(env.url);
    const account = fixtures.google.accounts.find((a) => a.id === ACME_US);
    const today = localDate(sandboxTestStartMs, account?.timeZone ?? 'UTC');
    const start = addDays(today, -30);
    const end = addDays(today, -1);
    const response = await googleAds(env.url, accessToken, `customers/${ACME_US}/googleAds:searchStream`, {
      query: campaignQuery(start, end),
      loginCustomerId: MANAGER,
    });
    const batches = (await readJson(response)) as Array<{ results: Row[] }>;
    const rows = batches.flatMap((b) => b.results);
    expect(rows.length).toBeGreaterThan(60);
    for (const row of rows) {
      expect(row.metrics.costMicros).toMatch(/^[1-9]\d*$/);
      expect(row.metrics.impressions).toMatch(/^[1-9]\d*$/);
      if (row.metrics.conversions !== undefined) expect(row.metrics.conversions).toBeTypeOf('number');
    }
    // The video campaign tracks no conversions: both fields are left out, never sent as 0.
    const video = rows.filter((r) => r.campaign.advertisingChannelType === 'VIDEO');
    expect(video.length).toBeGreaterThan(0);
    for (const row of video) {
      expect(row.metrics).not.toHaveProperty('conversions');
      expect(row.metrics).not.toHaveProperty('conversionsValue');
    }
    const byDate = new Map<string, bigint>();
    for (const row of rows)
      byDate.set(
        row.segments.date,
        (byDate.get(row.segments.date) ?? 0n) + BigInt(row.metrics.costMicros ?? '0'),
      );
    const expected = expectedDailyTotals({
      provider: 'google',
      accountId: ACME_US,
      start,
      end,
      context: { nowMs: sandboxTestStartMs, restatements: [] },
    });
    expect(Object.fromEntries([...byDate].map(([d, m]) => [d, m.toString()]))).toEqual(
      Object.fromEntries(expected.map((d) => [d.date, d.spendMicros])),
    );
  });

  it('answers the same query with the same body twice', async () => {
    const { accessToken } = await googleTokens(env.url);
    const query = campaignQuery('2026-09-01', '2026-09-30');
    const first = await (
      await googleAds(env.url, accessToken, `customers/${ACME_US}/googleAds:searchStream`, {
        query,
        loginCustomerId: MANAGER,
      })
    ).text();
    const second = await (
      await googleAds(env.url, accessToken, `customers/${ACME_US}/googleAds:searchStream`, {
        query,
        loginCustomerId: MANAGER,
      })
    ).text();
    expect(second).toBe(first);
  });

  it('refuses metrics on a manager, a date segment without a range, and unknown fields, as QueryErrors', async () => {
    const { accessToken } = await googleTokens(env.url);
    const errorCode = async (customer: string, query: string) => {
      const response = await googleAds(env.url, accessToken, `customers/${customer}/googleAds:searchStream`, {
        query,
        loginCustomerId: MANAGER,
      });
      expect(response.status).toBe(400);
      return get(await readJson(response), 0, 'error', 'details', 0, 'errors', 0, 'errorCode');
    };
    expect(await errorCode(MANAGER, campaignQuery('2026-10-01', '2026-10-02'))).toEqual({
      queryError: 'REQUESTED_METRICS_FOR_MANAGER',
    });
    expect(
      await errorCode(ACME_US, 'SELECT campaign.id, segments.date, metrics.clicks FROM campaign'),
    ).toEqual({ queryError: 'EXPECTED_FILTERS_ON_DATE_RANGE' });
    expect(await errorCode(ACME_US, 'SELECT campaign.objective FROM campaign')).toEqual({
      queryError: 'UNRECOGNIZED_FIELD',
    });
  });

  it('refuses a cancelled account with CUSTOMER_NOT_ENABLED', async () => {
    const { accessToken } = await googleTokens(env.url);
    const response = await googleAds(env.url, accessToken, `customers/${OLD_BRAND}/googleAds:searchStream`, {
      query: campaignQuery('2026-08-01', '2026-08-02'),
      loginCustomerId: MANAGER,
    });
    expect(response.status).toBe(403);
    expect(get(await readJson(response), 0, 'error', 'details', 0, 'errors', 0, 'errorCode')).toEqual({
      authorizationError: 'CUSTOMER_NOT_ENABLED',
    });
  });

  it('lists ads as creatives; Performance Max campaigns have none at the ad level', async () => {
    const { accessToken } = await googleTokens(env.url);
    const query =
      "SELECT campaign.id, ad_group_ad.ad.id, ad_group_ad.ad.name, ad_group_ad.ad.type, ad_group_ad.ad.final_urls, ad_group_ad.status FROM ad_group_ad WHERE ad_group_ad.status != 'REMOVED'";
    const response = await googleAds(env.url, accessToken, `customers/${ACME_US}/googleAds:searchStream`, {
      query,
      loginCustomerId: MANAGER,
    });
    const rows =
      (
        (await readJson(response)) as Array<{
          results: Array<{
            campaign: { id: string };
            adGroupAd: { ad: { id: string; finalUrls: string[]; type: string } };
          }>;
        }>
      )[0]?.results ?? [];
    const account = fixtures.google.accounts.find((a) => a.id === ACME_US);
    const pmax = account?.campaigns.find((c) => c.objective === 'PERFORMANCE_MAX');
    expect(rows.length).toBe(account?.campaigns.reduce((n, c) => n + c.creatives.length, 0));
    expect(rows.some((r) => r.campaign.id === pmax?.id)).toBe(false);
    expect(rows[0]?.adGroupAd.ad.finalUrls[0]).toMatch(/^https:\/\//);
  });

  it('pages googleAds:search with a fixed page size and refuses pageSize', async () => {
    const { accessToken } = await googleTokens(env.url);
    const query = campaignQuery('2026-10-01', '2026-10-07');
    const response = await fetch(
      `${env.url}/googleads.googleapis.com/v23/customers/${ACME_US}/googleAds:search`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${accessToken}`,
          'developer-token': 'd',
          'login-customer-id': MANAGER,
        },
        body: JSON.stringify({ query, returnTotalResultsCount: true }),
      },
    );
    const body = await readJson(response);
    expect(get(body, 'nextPageToken')).toBeUndefined();
    expect(Number(get(body, 'totalResultsCount'))).toBe((get(body, 'results') as unknown[]).length);
    const sized = await fetch(
      `${env.url}/googleads.googleapis.com/v23/customers/${ACME_US}/googleAds:search`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${accessToken}`,
          'developer-token': 'd',
          'login-customer-id': MANAGER,
        },
        body: JSON.stringify({ query, pageSize: 100 }),
      },
    );
    expect(get(await readJson(sized), 'error', 'details', 0, 'errors', 0, 'errorCode')).toEqual({
      requestError: 'PAGE_SIZE_NOT_SUPPORTED',
    });
  });
});
