import { describe, expect, it } from 'vitest';
import { addDays, driveConsent, expectedDailyTotals, localDate } from '../src';
import { ADA, CALLBACK, control, get, readJson, sandboxTestStartMs, useSandbox } from './support/harness';
import { linkedIn, linkedInCode, linkedInTokenRequest, linkedInTokens } from './support/tokens';

const ACME_US = '508000001';
const accountsFacet = (id: string) => `List(urn%3Ali%3AsponsoredAccount%3A${id})`;
const restliRange = (start: string, end: string) => {
  const part = (d: string) =>
    `(year:${Number(d.slice(0, 4))},month:${Number(d.slice(5, 7))},day:${Number(d.slice(8, 10))})`;
  return `(start:${part(start)},end:${part(end)})`;
};

describe('LinkedIn OAuth', () => {
  const env = useSandbox();

  it('issues a 60-day access token and a 365-day refresh token whose end refreshing does not move', async () => {
    const authorize = `${env.url}/www.linkedin.com/oauth/v2/authorization?response_type=code&client_id=li-app&redirect_uri=${encodeURIComponent(CALLBACK)}&state=l1&scope=r_ads%20r_ads_reporting`;
    const callback = await driveConsent(authorize, { login: ADA });
    expect(callback.searchParams.get('state')).toBe('l1');
    const first = await readJson(
      await linkedInTokenRequest(env.url, {
        grant_type: 'authorization_code',
        code: callback.searchParams.get('code') ?? '',
        redirect_uri: CALLBACK,
      }),
    );
    expect(first).toMatchObject({
      expires_in: 5_184_000,
      refresh_token_expires_in: 31_536_000,
      scope: 'r_ads,r_ads_reporting',
    });

    await control(env.url, 'clock', { method: 'POST', body: { advanceMs: 10 * 86_400_000 } });
    const refreshed = await readJson(
      await linkedInTokenRequest(env.url, {
        grant_type: 'refresh_token',
        refresh_token: String(get(first, 'refresh_token')),
      }),
    );
    expect(get(refreshed, 'expires_in')).toBe(5_184_000);
    const left = Number(get(refreshed, 'refresh_token_expires_in'));
    expect(left).toBeLessThanOrEqual(31_536_000 - 10 * 86_400);
    expect(left).toBeGreaterThan(31_536_000 - 10 * 86_400 - 60);

    await control(env.url, 'clock', { method: 'POST', body: { advanceMs: 356 * 86_400_000 } });
    const ended = await linkedInTokenRequest(env.url, {
      grant_type: 'refresh_token',
      refresh_token: String(get(first, 'refresh_token')),
    });
    expect(ended.status).toBe(400);
    expect(await readJson(ended)).toMatchObject({ error: 'invalid_request' });
    await control(env.url, 'clock', { method: 'POST', body: { reset: true } });
  });

  it('sends user_cancelled_authorize on deny and refuses a code twice', async () => {
    const authorize = `${env.url}/www.linkedin.com/oauth/v2/authorization?response_type=code&client_id=li-app&redirect_uri=${encodeURIComponent(CALLBACK)}&state=l2&scope=r_ads`;
    const denied = await driveConsent(authorize, { decision: 'deny' });
    expect(denied.searchParams.get('error')).toBe('user_cancelled_authorize');
    expect(denied.searchParams.get('state')).toBe('l2');
    const code = await linkedInCode(env.url);
    expect(
      (
        await linkedInTokenRequest(env.url, {
          grant_type: 'authorization_code',
          code,
          redirect_uri: CALLBACK,
        })
      ).status,
    ).toBe(200);
    const again = await linkedInTokenRequest(env.url, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: CALLBACK,
    });
    expect(again.status).toBe(400);
  });
});

describe('LinkedIn Marketing API', () => {
  const env = useSandbox();

  it('finds ad accounts with q=search, paged by pageToken', async () => {
    const { accessToken } = await linkedInTokens(env.url);
    const first = await readJson(await linkedIn(env.url, accessToken, 'adAccounts?q=search&pageSize=3'));
    expect((get(first, 'elements') as unknown[]).length).toBe(3);
    const token = String(get(first, 'metadata', 'nextPageToken'));
    const second = await readJson(
      await linkedIn(
        env.url,
        accessToken,
        `adAccounts?q=search&pageSize=3&pageToken=${encodeURIComponent(token)}`,
      ),
    );
    expect((get(second, 'elements') as unknown[]).length).toBe(2);
    expect(get(second, 'metadata', 'nextPageToken')).toBeUndefined();
    expect(get(first, 'elements', 0)).toMatchObject({ id: 508000001, currency: 'USD', status: 'ACTIVE' });
    const active = await readJson(
      await linkedIn(env.url, accessToken, 'adAccounts?q=search&search=(status:(values:List(CANCELED)))'),
    );
    expect(get(active, 'elements')).toEqual([expect.objectContaining({ name: 'Old Brand (closed)' })]);
  });

  it('requires an active LinkedIn-Version and Rest.li 2.0', async () => {
    const { accessToken } = await linkedInTokens(env.url);
    const missing = await linkedIn(env.url, accessToken, 'adAccounts?q=search', { 'linkedin-version': null });
    expect(missing.status).toBe(400);
    expect(await readJson(missing)).toMatchObject({ code: 'VERSION_MISSING' });
    const inactive = await linkedIn(env.url, accessToken, 'adAccounts?q=search', {
      'linkedin-version': '202401',
    });
    expect(inactive.status).toBe(426);
    expect(await readJson(inactive)).toEqual({
      status: 426,
      code: 'NONEXISTENT_VERSION',
      message: 'Requested version 202401 is not active',
    });
    const restli = await linkedIn(env.url, accessToken, 'adAccounts?q=search', {
      'x-restli-protocol-version': null,
    });
    expect(restli.status).toBe(400);
  });

  it('reports adAnalytics by campaign and UTC day from Rest.li syntax, matching the expected totals', async () => {
    const { accessToken } = await linkedInTokens(env.url);
    const today = localDate(sandboxTestStartMs, 'UTC');
    const start = addDays(today, -20);
    const end = addDays(today, -1);
    const fields =
      'dateRange,pivotValues,impressions,clicks,costInLocalCurrency,externalWebsiteConversions,conversionValueInLocalCurrency';
    const response = await linkedIn(
      env.url,
      accessToken,
      `adAnalytics?q=analytics&pivot=CAMPAIGN&timeGranularity=DAILY&dateRange=${restliRange(start, end)}&accounts=${accountsFacet(ACME_US)}&fields=${fields}`,
    );
    expect(response.status).toBe(200);
    const elements = get(await readJson(response), 'elements') as Array<{
      dateRange: { start: { year: number; month: number; day: number } };
      pivotValues: string[];
      impressions: number;
      costInLocalCurrency: string;
      externalWebsiteConversions: number;
      conversionValueInLocalCurrency?: string;
    }>;
    expect(elements.length).toBeGreaterThan(40);
    expect(elements[0]?.pivotValues[0]).toMatch(/^urn:li:sponsoredCampaign:\d+$/);
    expect(typeof elements[0]?.impressions).toBe('number');
    const byDate = new Map<string, bigint>();
    for (const e of elements) {
      const { year, month, day } = e.dateRange.start;
      const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      byDate.set(
        date,
        (byDate.get(date) ?? 0n) + BigInt(Math.round(Number(e.costInLocalCurrency) * 1_000_000)),
      );
    }
    const expected = expectedDailyTotals({
      provider: 'linkedin',
      accountId: ACME_US,
      start,
      end,
      context: { nowMs: sandboxTestStartMs, restatements: [] },
    });
    expect(Object.fromEntries([...byDate].map(([d, m]) => [d, m.toString()]))).toEqual(
      Object.fromEntries(expected.map((d) => [d.date, d.spendMicros])),
    );
    expect(expected.every((d) => d.timeZone === 'UTC')).toBe(true);
    // The video campaign tracks no conversion value: the field is absent there.
    expect(elements.some((e) => e.conversionValueInLocalCurrency === undefined)).toBe(true);
  });

  it('refuses more than 20 fields, unknown fields and URNs whose colons are not encoded', async () => {
    const { accessToken } = await linkedInTokens(env.url);
    const base = `adAnalytics?q=analytics&pivot=(value:CAMPAIGN)&timeGranularity=(value:DAILY)&dateRange=${restliRange('2026-10-01', '2026-10-02')}`;
    const many = [
      'dateRange',
      'pivotValues',
      'impressions',
      'clicks',
      'likes',
      'shares',
      'comments',
      'follows',
      'videoViews',
      'videoStarts',
      'videoCompletions',
      'landingPageClicks',
      'totalEngagements',
      'otherEngagements',
      'reactions',
      'costInUsd',
      'costInLocalCurrency',
      'externalWebsiteConversions',
      'oneClickLeads',
      'opens',
      'sends',
    ];
    expect(many).toHaveLength(21);
    const tooMany = await linkedIn(
      env.url,
      accessToken,
      `${base}&accounts=${accountsFacet(ACME_US)}&fields=${many.join(',')}`,
    );
    expect(tooMany.status).toBe(400);
    expect(String(get(await readJson(tooMany), 'message'))).toContain('20 fields');
    const twenty = await linkedIn(
      env.url,
      accessToken,
      `${base}&accounts=${accountsFacet(ACME_US)}&fields=${many.slice(0, 20).join(',')}`,
    );
    expect(twenty.status).toBe(200);
    const unknown = await linkedIn(
      env.url,
      accessToken,
      `${base}&accounts=${accountsFacet(ACME_US)}&fields=impressions,revenue`,
    );
    expect(unknown.status).toBe(400);
    const raw = await linkedIn(
      env.url,
      accessToken,
      `${base}&accounts=List(urn:li:sponsoredAccount:${ACME_US})&fields=impressions`,
    );
    expect(raw.status).toBe(400);
    const generic = new URLSearchParams({ dateRange: restliRange('2026-10-01', '2026-10-02') }).toString();
    const encoded = await linkedIn(
      env.url,
      accessToken,
      `adAnalytics?q=analytics&pivot=CAMPAIGN&timeGranularity=DAILY&${generic}&accounts=${accountsFacet(ACME_US)}`,
    );
    expect(encoded.status).toBe(400);
  });

  it('lists campaigns with a status search and creatives with q=criteria', async () => {
    const { accessToken } = await linkedInTokens(env.url);
    const campaigns = await readJson(
      await linkedIn(
        env.url,
        accessToken,
        `adAccounts/${ACME_US}/adCampaigns?q=search&search=(status:(values:List(ACTIVE,PAUSED,COMPLETED)))`,
      ),
    );
    expect((get(campaigns, 'elements') as unknown[]).length).toBe(5);
    expect(get(campaigns, 'elements', 0)).toMatchObject({
      account: `urn:li:sponsoredAccount:${ACME_US}`,
      objectiveType: 'WEBSITE_VISIT',
    });
    const creatives = await readJson(
      await linkedIn(env.url, accessToken, `adAccounts/${ACME_US}/creatives?q=criteria`, {
        'x-restli-method': 'FINDER',
      }),
    );
    expect(get(creatives, 'elements', 0, 'id')).toMatch(/^urn:li:sponsoredCreative:/);
    const other = await linkedIn(env.url, accessToken, 'adAccounts/508000006/adCampaigns?q=search');
    expect(other.status).toBe(403);
  });
});
