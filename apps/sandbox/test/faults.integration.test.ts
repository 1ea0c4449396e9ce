import { afterEach, describe, expect, it } from 'vitest';
import { ADA, BEN, control, get, readJson, useSandbox } from './support/harness';
import {
  googleAds,
  googleTokens,
  linkedIn,
  linkedInTokens,
  metaTokens,
  tiktok,
  tiktokToken,
} from './support/tokens';

const MANAGER = '4455667788';
const GOOGLE_ACME_US = '1112223334';
const GOOGLE_SAKURA = '3334445556';
const META_ACME_US = '1010000000000001';
const TIKTOK_ACME_US = '7100000000000000001';
const stream = (customer: string) => `customers/${customer}/googleAds:searchStream`;
const QUERY =
  "SELECT campaign.id, segments.date, metrics.clicks FROM campaign WHERE segments.date BETWEEN '2026-10-01' AND '2026-10-03'";

const firstError = (body: unknown) => get(Array.isArray(body) ? body[0] : body, 'error');
const googleErrorCode = (body: unknown) => get(firstError(body), 'details', 0, 'errors', 0, 'errorCode');

describe('fault switches', () => {
  const env = useSandbox();
  const addFault = async (fault: Record<string, unknown>) => {
    const response = await control(env.url, 'faults', { method: 'POST', body: fault });
    expect(response.status).toBe(201);
    return readJson(response);
  };
  afterEach(async () => {
    await control(env.url, 'faults', { method: 'DELETE' });
  });

  it('rate-limit: each platform its own shape and hint, for `count` requests, then normal again', async () => {
    const google = await googleTokens(env.url);
    await addFault({ kind: 'rate-limit', provider: 'google', count: 2, retryAfterSeconds: 7 });
    for (let i = 0; i < 2; i++) {
      const limited = await googleAds(env.url, google.accessToken, 'customers:listAccessibleCustomers');
      expect(limited.status).toBe(429);
      const body = await readJson(limited);
      expect(get(firstError(body), 'status')).toBe('RESOURCE_EXHAUSTED');
      expect(googleErrorCode(body)).toEqual({ quotaError: 'RESOURCE_TEMPORARILY_EXHAUSTED' });
      expect(
        get(firstError(body), 'details', 0, 'errors', 0, 'details', 'quotaErrorDetails', 'retryDelay'),
      ).toBe('7s');
      expect(limited.headers.get('retry-after')).toBeNull();
    }
    expect((await googleAds(env.url, google.accessToken, 'customers:listAccessibleCustomers')).status).toBe(
      200,
    );
    expect(get(await readJson(await control(env.url, 'faults')), 'faults')).toEqual([]);

    const { long } = await metaTokens(env.url);
    await addFault({ kind: 'rate-limit', provider: 'meta', accountId: META_ACME_US, retryAfterSeconds: 300 });
    const meta = await fetch(
      `${env.url}/graph.facebook.com/v25.0/act_${META_ACME_US}/insights?access_token=${long}`,
    );
    expect(meta.status).toBe(400);
    expect(get(await readJson(meta), 'error')).toMatchObject({ code: 80000, error_subcode: 2446079 });
    const buc = JSON.parse(meta.headers.get('x-business-use-case-usage') ?? '{}') as Record<
      string,
      Array<Record<string, number>>
    >;
    expect(buc[META_ACME_US]?.[0]).toMatchObject({
      type: 'ads_insights',
      estimated_time_to_regain_access: 5,
    });
    // The switch names one ad account: the account list is not affected.
    expect(
      (await fetch(`${env.url}/graph.facebook.com/v25.0/me/adaccounts?access_token=${long}`)).status,
    ).toBe(200);

    const li = await linkedInTokens(env.url);
    await addFault({ kind: 'rate-limit', provider: 'linkedin', retryAfterSeconds: 3, count: 1 });
    const throttled = await linkedIn(env.url, li.accessToken, 'adAccounts?q=search');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('3');

    const tt = await tiktokToken(env.url);
    await addFault({ kind: 'rate-limit', provider: 'tiktok', count: 1 });
    const tiktokLimited = await tiktok(env.url, tt, 'oauth2/advertiser/get/', { app_id: 'a', secret: 's' });
    expect(tiktokLimited.status).toBe(200);
    expect(get(await readJson(tiktokLimited), 'code')).toBe(40100);
  });

  it('scopes a switch to one access token', async () => {
    const ada = await googleTokens(env.url, { login: ADA });
    const ben = await googleTokens(env.url, { login: BEN });
    await addFault({ kind: 'server-error', accessToken: ada.accessToken });
    expect((await googleAds(env.url, ada.accessToken, 'customers:listAccessibleCustomers')).status).toBe(500);
    expect((await googleAds(env.url, ben.accessToken, 'customers:listAccessibleCustomers')).status).toBe(200);
  });

  it('daily-quota: Google RESOURCE_EXHAUSTED with a long retryDelay, Meta app limit, LinkedIn throttle, TikTok QPD', async () => {
    const google = await googleTokens(env.url);
    await addFault({ kind: 'daily-quota' });
    const quota = await readJson(
      await googleAds(env.url, google.accessToken, stream(GOOGLE_ACME_US), {
        query: QUERY,
        loginCustomerId: MANAGER,
      }),
    );
    expect(googleErrorCode(quota)).toEqual({ quotaError: 'RESOURCE_EXHAUSTED' });
    const details = get(firstError(quota), 'details', 0, 'errors', 0, 'details', 'quotaErrorDetails');
    expect(details).toMatchObject({ rateScope: 'DEVELOPER' });
    expect(Number.parseInt(String(get(details, 'retryDelay')), 10)).toBeGreaterThanOrEqual(3600);

    const { long } = await metaTokens(env.url);
    expect(
      get(
        await readJson(await fetch(`${env.url}/graph.facebook.com/v25.0/me?access_token=${long}`)),
        'error',
        'code',
      ),
    ).toBe(4);
    const li = await linkedInTokens(env.url);
    const liQuota = await linkedIn(env.url, li.accessToken, 'adAccounts?q=search');
    expect(liQuota.status).toBe(429);
    expect(get(await readJson(liQuota), 'message')).toBe(
      'Resource level throttle limit for calls to this resource is reached.',
    );
    const tt = await tiktokToken(env.url);
    const ttQuota = await readJson(
      await tiktok(env.url, tt, 'oauth2/advertiser/get/', { app_id: 'a', secret: 's' }),
    );
    expect(get(ttQuota, 'code')).toBe(40100);
    expect(String(get(ttQuota, 'message'))).toContain('QPD');
  });

  it('server-error: Google INTERNAL or UNAVAILABLE, TikTok 50000 inside HTTP 200', async () => {
    const google = await googleTokens(env.url);
    await addFault({ kind: 'server-error', provider: 'google', status: 503, count: 1 });
    const unavailable = await googleAds(env.url, google.accessToken, 'customers:listAccessibleCustomers');
    expect(unavailable.status).toBe(503);
    expect(get(await readJson(unavailable), 'error', 'status')).toBe('UNAVAILABLE');
    const tt = await tiktokToken(env.url);
    await addFault({ kind: 'server-error', provider: 'tiktok', count: 1 });
    const system = await tiktok(env.url, tt, 'oauth2/advertiser/get/', { app_id: 'a', secret: 's' });
    expect(system.status).toBe(200);
    expect(get(await readJson(system), 'code')).toBe(50000);
  });

  it('reaches an OAuth token endpoint only through a path-scoped switch', async () => {
    await addFault({
      kind: 'server-error',
      provider: 'google',
      path: '/oauth2.googleapis.com/token',
      count: 1,
    });
    const response = await fetch(`${env.url}/oauth2.googleapis.com/token`, {
      method: 'POST',
      body: 'grant_type=refresh_token',
    });
    expect(response.status).toBe(500);
  });

  it('slow delays the answer; timeout holds it until the client gives up', async () => {
    const google = await googleTokens(env.url);
    await addFault({ kind: 'slow', delayMs: 300, count: 1 });
    const started = performance.now();
    const slow = await googleAds(env.url, google.accessToken, 'customers:listAccessibleCustomers');
    expect(slow.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);

    await addFault({ kind: 'timeout', count: 1 });
    const held = fetch(`${env.url}/googleads.googleapis.com/v23/customers:listAccessibleCustomers`, {
      headers: { authorization: `Bearer ${google.accessToken}`, 'developer-token': 'd' },
      signal: AbortSignal.timeout(200),
    });
    await expect(held).rejects.toThrow(/timeout|aborted/i);
    expect((await googleAds(env.url, google.accessToken, 'customers:listAccessibleCustomers')).status).toBe(
      200,
    );
  });

  it('expired-token and revoked-token answer with each platform’s auth error', async () => {
    const google = await googleTokens(env.url);
    await addFault({ kind: 'expired-token', provider: 'google', count: 1 });
    const expired = await googleAds(env.url, google.accessToken, 'customers:listAccessibleCustomers');
    expect(expired.status).toBe(401);
    expect(googleErrorCode(await readJson(expired))).toEqual({ authenticationError: 'OAUTH_TOKEN_EXPIRED' });
    const { long } = await metaTokens(env.url);
    await addFault({ kind: 'expired-token', provider: 'facebook', count: 1 });
    expect(
      get(
        await readJson(await fetch(`${env.url}/graph.facebook.com/v25.0/me?access_token=${long}`)),
        'error',
      ),
    ).toMatchObject({ code: 190, error_subcode: 463 });
    const li = await linkedInTokens(env.url);
    await addFault({ kind: 'revoked-token', provider: 'linkedin', count: 1 });
    const revoked = await linkedIn(env.url, li.accessToken, 'adAccounts?q=search');
    expect(revoked.status).toBe(401);
    expect(await readJson(revoked)).toMatchObject({ serviceErrorCode: 65602, code: 'REVOKED_ACCESS_TOKEN' });
    const tt = await tiktokToken(env.url);
    await addFault({ kind: 'revoked-token', provider: 'tiktok', count: 1 });
    expect(
      get(
        await readJson(await tiktok(env.url, tt, 'oauth2/advertiser/get/', { app_id: 'a', secret: 's' })),
        'code',
      ),
    ).toBe(40105);
  });

  it('malformed sends a body that is not JSON, or JSON of the wrong shape', async () => {
    const tt = await tiktokToken(env.url);
    await addFault({ kind: 'malformed', provider: 'tiktok', count: 1 });
    const broken = await tiktok(env.url, tt, 'oauth2/advertiser/get/', { app_id: 'a', secret: 's' });
    expect(broken.status).toBe(200);
    await expect(broken.json()).rejects.toThrow();
    await addFault({ kind: 'malformed', provider: 'tiktok', shape: 'wrong-shape', count: 1 });
    const wrong = await readJson(
      await tiktok(env.url, tt, 'oauth2/advertiser/get/', { app_id: 'a', secret: 's' }),
    );
    expect(get(wrong, 'data', 'list')).toBe('not-a-list');
  });

  it('account-disabled refuses the one account the way the platform refuses a disabled account', async () => {
    const google = await googleTokens(env.url);
    await addFault({ kind: 'account-disabled', accountId: GOOGLE_ACME_US });
    const disabled = await googleAds(env.url, google.accessToken, stream(GOOGLE_ACME_US), {
      query: QUERY,
      loginCustomerId: MANAGER,
    });
    expect(disabled.status).toBe(403);
    expect(googleErrorCode(await readJson(disabled))).toEqual({ authorizationError: 'CUSTOMER_NOT_ENABLED' });
    const other = await googleAds(env.url, google.accessToken, stream(GOOGLE_SAKURA), {
      query: QUERY,
      loginCustomerId: MANAGER,
    });
    expect(other.status).toBe(200);
    const tt = await tiktokToken(env.url);
    await addFault({ kind: 'account-disabled', provider: 'tiktok', accountId: TIKTOK_ACME_US });
    const report = await tiktok(env.url, tt, 'campaign/get/', { advertiser_id: TIKTOK_ACME_US });
    expect(get(await readJson(report), 'code')).toBe(40002);
  });

  it('refuses an invalid switch with a 400 naming the field', async () => {
    const response = await control(env.url, 'faults', { method: 'POST', body: { kind: 'explode' } });
    expect(response.status).toBe(400);
    expect(get(await readJson(response), 'error', 'field')).toBe('kind');
    const negative = await control(env.url, 'faults', { method: 'POST', body: { kind: 'slow', count: 0 } });
    expect(get(await readJson(negative), 'error', 'field')).toBe('count');
  });
});
