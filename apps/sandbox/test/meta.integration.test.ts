import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addDays, driveConsent, expectedDailyTotals, fixtures, localDate } from '../src';
import { ADA, CALLBACK, control, get, readJson, sandboxTestStartMs, useSandbox } from './support/harness';
import { META_SECRET, metaCode, metaTokens } from './support/tokens';

const ACME_US = '1010000000000001';
const GRAPH = (url: string) => `${url}/graph.facebook.com/v25.0`;

function graph(url: string, token: string, path: string, params: Record<string, string> = {}) {
  const target = new URL(`${GRAPH(url)}/${path}`);
  target.search = new URLSearchParams(params).toString();
  return fetch(target, { headers: { authorization: `Bearer ${token}` } });
}

interface InsightRow {
  campaign_id: string;
  date_start: string;
  date_stop: string;
  spend: string;
  impressions: string;
  actions?: Array<Record<string, string>>;
  action_values?: Array<Record<string, string>>;
}

/** Follows `paging.next` (absolute URLs back to the sandbox) and returns every row and page count. */
async function allPages<T>(first: Response): Promise<{ rows: T[]; pages: number; nextUrls: string[] }> {
  const rows: T[] = [];
  const nextUrls: string[] = [];
  let response = first;
  for (let pages = 1; ; pages++) {
    const body = (await readJson(response)) as { data: T[]; paging?: { next?: string } };
    rows.push(...body.data);
    const next = body.paging?.next;
    if (!next) return { rows, pages, nextUrls };
    nextUrls.push(next);
    response = await fetch(next);
  }
}

describe('Meta OAuth', () => {
  const env = useSandbox();

  it('sends code and state back (with #_=_), then a short-lived and a ~60-day token', async () => {
    const dialog = `${env.url}/www.facebook.com/v25.0/dialog/oauth?client_id=meta-app&redirect_uri=${encodeURIComponent(CALLBACK)}&state=m1&scope=ads_read`;
    const callback = await driveConsent(dialog, { login: ADA });
    expect(callback.hash).toBe('#_=_');
    expect(callback.searchParams.get('state')).toBe('m1');
    const code = callback.searchParams.get('code') ?? '';
    const exchange = await fetch(
      `${GRAPH(env.url)}/oauth/access_token?${new URLSearchParams({ client_id: 'meta-app', client_secret: META_SECRET, redirect_uri: CALLBACK, code })}`,
    );
    const short = await readJson(exchange);
    expect(short).toMatchObject({ token_type: 'bearer', expires_in: 7200 });
    const long = await readJson(
      await fetch(
        `${GRAPH(env.url)}/oauth/access_token?${new URLSearchParams({ grant_type: 'fb_exchange_token', client_id: 'meta-app', client_secret: META_SECRET, fb_exchange_token: String(get(short, 'access_token')) })}`,
      ),
    );
    expect(long).toMatchObject({ token_type: 'bearer', expires_in: 5183944 });
    const debug = await readJson(
      await fetch(
        `${GRAPH(env.url)}/debug_token?input_token=${get(long, 'access_token')}&access_token=meta-app|${META_SECRET}`,
      ),
    );
    expect(get(debug, 'data')).toMatchObject({ app_id: 'meta-app', is_valid: true, type: 'USER' });
    expect(get(debug, 'data', 'scopes')).toEqual(expect.arrayContaining(['ads_read', 'public_profile']));
  });

  it('denies with error_reason=user_denied', async () => {
    const dialog = `${env.url}/www.facebook.com/v25.0/dialog/oauth?client_id=meta-app&redirect_uri=${encodeURIComponent(CALLBACK)}&state=m2`;
    const callback = await driveConsent(dialog, { decision: 'deny' });
    expect(Object.fromEntries(callback.searchParams)).toMatchObject({
      error: 'access_denied',
      error_reason: 'user_denied',
      state: 'm2',
    });
  });

  it('refuses a used code (100/36009) and a different redirect_uri (100/36008)', async () => {
    const code = await metaCode(env.url);
    const exchange = (redirect: string, withCode: string) =>
      fetch(
        `${GRAPH(env.url)}/oauth/access_token?${new URLSearchParams({ client_id: 'meta-app', client_secret: 's', redirect_uri: redirect, code: withCode })}`,
      );
    expect((await exchange(CALLBACK, code)).status).toBe(200);
    expect(get(await readJson(await exchange(CALLBACK, code)), 'error')).toMatchObject({
      code: 100,
      error_subcode: 36009,
      type: 'OAuthException',
    });
    const other = await exchange('http://elsewhere.example/cb', await metaCode(env.url));
    expect(other.status).toBe(400);
    expect(get(await readJson(other), 'error')).toMatchObject({ code: 100, error_subcode: 36008 });
  });

  it('expires the short-lived token after hours; the long-lived one keeps working; DELETE /me/permissions revokes', async () => {
    const { short, long } = await metaTokens(env.url);
    await control(env.url, 'clock', { method: 'POST', body: { advanceMs: 3 * 3_600_000 } });
    const expired = await graph(env.url, short, 'me');
    expect(expired.status).toBe(400);
    expect(get(await readJson(expired), 'error')).toMatchObject({ code: 190, error_subcode: 463 });
    expect((await graph(env.url, long, 'me')).status).toBe(200);
    await control(env.url, 'clock', { method: 'POST', body: { reset: true } });
    const revoke = await fetch(`${GRAPH(env.url)}/me/permissions`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${long}` },
    });
    expect(await readJson(revoke)).toEqual({ success: true });
    expect(get(await readJson(await graph(env.url, long, 'me')), 'error')).toMatchObject({
      code: 190,
      error_subcode: 458,
    });
  });
});

describe('Meta Marketing API', () => {
  const env = useSandbox();

  it('lists the ad accounts with cursor paging whose next URLs point back at the sandbox', async () => {
    const { long } = await metaTokens(env.url);
    const first = await graph(env.url, long, 'me/adaccounts', {
      fields: 'id,account_id,name,currency,timezone_name,account_status',
      limit: '2',
    });
    const target = new URL(`${GRAPH(env.url)}/me/adaccounts`);
    target.search = new URLSearchParams({
      fields: 'id,account_id,name,currency,timezone_name,account_status',
      limit: '2',
      access_token: long,
    }).toString();
    const { rows, pages, nextUrls } = await allPages<Record<string, unknown>>(await fetch(target));
    expect(first.status).toBe(200);
    expect(pages).toBe(3);
    expect(nextUrls.every((u) => u.startsWith(`${env.url}/graph.facebook.com/v25.0/me/adaccounts?`))).toBe(
      true,
    );
    expect(rows.map((r) => r.account_id)).toEqual(fixtures.facebook.logins[0]?.accountIds);
    expect(rows[0]).toEqual({
      id: `act_${ACME_US}`,
      account_id: ACME_US,
      name: 'Acme Outdoor US',
      currency: 'USD',
      timezone_name: 'America/New_York',
      account_status: 1,
    });
    expect(rows.find((r) => r.name === 'Old Brand (closed)')).toMatchObject({ account_status: 101 });
  });

  it('reports campaign x day insights over several pages whose totals equal the expected ones', async () => {
    const { long } = await metaTokens(env.url);
    const today = localDate(sandboxTestStartMs, 'America/New_York');
    const since = addDays(today, -31);
    const until = addDays(today, -1);
    const params = new URLSearchParams({
      level: 'campaign',
      time_increment: '1',
      time_range: JSON.stringify({ since, until }),
      fields:
        'campaign_id,campaign_name,objective,account_currency,spend,impressions,clicks,actions,action_values',
      action_attribution_windows: JSON.stringify(['7d_click', '1d_view']),
      limit: '25',
      access_token: long,
    });
    const { rows, pages, nextUrls } = await allPages<InsightRow>(
      await fetch(`${GRAPH(env.url)}/act_${ACME_US}/insights?${params}`),
    );
    expect(pages).toBeGreaterThan(3);
    expect(new URL(nextUrls[0] ?? '').searchParams.get('after')).toBeTruthy();
    for (const row of rows) {
      expect(row.date_start).toBe(row.date_stop);
      expect(row.spend).toMatch(/^\d+(\.\d+)?$/);
      expect(row.impressions).toMatch(/^\d+$/);
    }
    const purchase = rows.flatMap((r) => r.actions ?? []).find((a) => a.action_type === 'omni_purchase');
    expect(purchase).toBeDefined();
    expect(Number(purchase?.['7d_click']) + Number(purchase?.['1d_view'])).toBe(Number(purchase?.value));

    const expected = expectedDailyTotals({
      provider: 'facebook',
      accountId: ACME_US,
      start: since,
      end: until,
      context: { nowMs: sandboxTestStartMs, restatements: [] },
    });
    const actual = new Map<string, { spend: bigint; purchases: number; value: bigint | null }>();
    const micros = (text: string) => BigInt(Math.round(Number(text) * 1_000_000));
    for (const row of rows) {
      const day = actual.get(row.date_start) ?? { spend: 0n, purchases: 0, value: null };
      day.spend += micros(row.spend);
      day.purchases += Number(row.actions?.find((a) => a.action_type === 'omni_purchase')?.value ?? 0);
      const value = row.action_values?.find((a) => a.action_type === 'omni_purchase')?.value;
      if (value !== undefined) day.value = (day.value ?? 0n) + micros(value);
      actual.set(row.date_start, day);
    }
    expect(
      [...actual].map(([date, d]) => ({
        date,
        spendMicros: d.spend.toString(),
        conversions: d.purchases,
        revenueMicros: d.value?.toString() ?? null,
      })),
    ).toEqual(
      expected.map((d) => ({
        date: d.date,
        spendMicros: d.spendMicros,
        conversions: d.conversions,
        revenueMicros: d.revenueMicros,
      })),
    );
    // The lead campaign counts purchases but reports no value for them.
    const leadCampaigns = fixtures.facebook.accounts
      .flatMap((a) => a.campaigns)
      .filter((c) => c.profile.conversionKind === 'purchase-no-value');
    expect(leadCampaigns.length).toBeGreaterThan(0);
  });

  it('checks appsecret_proof when sent, refuses retired versions and unknown fields', async () => {
    const { long } = await metaTokens(env.url);
    const proof = createHmac('sha256', META_SECRET).update(long).digest('hex');
    expect((await graph(env.url, long, 'me/adaccounts', { appsecret_proof: proof })).status).toBe(200);
    const bad = await graph(env.url, long, 'me/adaccounts', { appsecret_proof: proof.replace(/^./, 'x') });
    expect(get(await readJson(bad), 'error')).toMatchObject({
      code: 100,
      message: 'Invalid appsecret_proof provided in the API argument',
    });
    const old = await fetch(
      `${env.url}/graph.facebook.com/v23.0/act_${ACME_US}/insights?access_token=${long}`,
    );
    expect(get(await readJson(old), 'error', 'code')).toBe(2635);
    const unknown = await graph(env.url, long, `act_${ACME_US}/insights`, { fields: 'spend,revenue' });
    expect(get(await readJson(unknown), 'error', 'code')).toBe(100);
  });

  it('lists ads with their creatives, and refuses an account the login does not reach', async () => {
    const { long } = await metaTokens(env.url);
    const ads = await readJson(
      await graph(env.url, long, `act_${ACME_US}/ads`, {
        fields: 'id,name,campaign_id,creative{id,name,object_type,thumbnail_url,image_url}',
        limit: '100',
      }),
    );
    const data = get(ads, 'data') as Array<{
      campaign_id: string;
      creative: { id: string; object_type: string };
    }>;
    expect(data.length).toBe(
      fixtures.facebook.accounts[0]?.campaigns.reduce((n, c) => n + c.creatives.length, 0),
    );
    expect(data[0]?.creative).toMatchObject({ object_type: 'STATUS' });
    const bens = await graph(env.url, long, 'act_1010000000000006/insights');
    expect(get(await readJson(bens), 'error')).toMatchObject({ code: 100, error_subcode: 33 });
  });
});
