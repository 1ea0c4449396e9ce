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
import { tiktok, tiktokCode, tiktokPost, tiktokToken } from './support/tokens';

const ACME_US = '7100000000000000001';
const BENS = '7100000000000000006';
const REPORT = {
  advertiser_id: ACME_US,
  service_type: 'AUCTION',
  report_type: 'BASIC',
  data_level: 'AUCTION_CAMPAIGN',
  dimensions: ['campaign_id', 'stat_time_day'],
  metrics: [
    'campaign_name',
    'spend',
    'impressions',
    'clicks',
    'conversion',
    'complete_payment',
    'total_complete_payment_rate',
  ],
  query_lifetime: 'false',
} as const;

interface ReportRow {
  dimensions: { campaign_id: string; stat_time_day: string };
  metrics: Record<string, string>;
}

describe('TikTok OAuth', () => {
  const env = useSandbox();

  it('redirects with auth_code and state, and trades it for a non-expiring token naming the advertisers', async () => {
    const authorize = `${env.url}/business-api.tiktok.com/portal/auth?app_id=tt-app&state=t1&redirect_uri=${encodeURIComponent(CALLBACK)}`;
    const callback = await driveConsent(authorize, { login: ADA });
    expect(callback.searchParams.get('state')).toBe('t1');
    const authCode = callback.searchParams.get('auth_code') ?? '';
    const response = await tiktokPost(env.url, 'oauth2/access_token/', {
      app_id: 'tt-app',
      secret: 'tt-secret',
      auth_code: authCode,
    });
    expect(response.status).toBe(200);
    const body = await readJson(response);
    expect(body).toMatchObject({ code: 0, message: 'OK' });
    expect(get(body, 'data', 'advertiser_ids')).toEqual(fixtures.tiktok.logins[0]?.accountIds);
    const again = await readJson(
      await tiktokPost(env.url, 'oauth2/access_token/', {
        app_id: 'tt-app',
        secret: 'tt-secret',
        auth_code: authCode,
      }),
    );
    expect(get(again, 'code')).toBe(40110);
  });

  it('lets an auth_code expire after an hour, answers refresh with 40107, and revokes', async () => {
    const stale = await tiktokCode(env.url);
    await control(env.url, 'clock', { method: 'POST', body: { advanceMs: 3_600_001 } });
    expect(
      get(
        await readJson(
          await tiktokPost(env.url, 'oauth2/access_token/', {
            app_id: 'tt-app',
            secret: 's',
            auth_code: stale,
          }),
        ),
        'code',
      ),
    ).toBe(40110);
    await control(env.url, 'clock', { method: 'POST', body: { reset: true } });
    const refresh = await readJson(
      await tiktokPost(env.url, 'oauth2/refresh_token/', {
        app_id: 'tt-app',
        secret: 's',
        refresh_token: 'x',
      }),
    );
    expect(get(refresh, 'code')).toBe(40107);
    const token = await tiktokToken(env.url);
    expect(
      get(
        await readJson(
          await tiktok(env.url, token, 'oauth2/advertiser/get/', { app_id: 'tt-app', secret: 's' }),
        ),
        'code',
      ),
    ).toBe(0);
    expect(
      get(
        await readJson(
          await tiktokPost(env.url, 'oauth2/revoke_token/', {
            app_id: 'tt-app',
            secret: 's',
            access_token: token,
          }),
        ),
        'code',
      ),
    ).toBe(0);
    expect(
      get(
        await readJson(
          await tiktok(env.url, token, 'oauth2/advertiser/get/', { app_id: 'tt-app', secret: 's' }),
        ),
        'code',
      ),
    ).toBe(40105);
  });

  it('denies with error=access_denied', async () => {
    const authorize = `${env.url}/business-api.tiktok.com/portal/auth?app_id=tt-app&state=t2&redirect_uri=${encodeURIComponent(CALLBACK)}`;
    const callback = await driveConsent(authorize, { decision: 'deny' });
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('auth_code')).toBeNull();
  });
});

describe('TikTok Marketing API', () => {
  const env = useSandbox();

  it('lists the authorized advertisers and their info with IANA and Etc time zones', async () => {
    const token = await tiktokToken(env.url);
    const advertisers = await readJson(
      await tiktok(env.url, token, 'oauth2/advertiser/get/', { app_id: 'tt-app', secret: 's' }),
    );
    expect((get(advertisers, 'data', 'list') as unknown[]).length).toBe(5);
    const info = await readJson(
      await tiktok(env.url, token, 'advertiser/info/', {
        advertiser_ids: [ACME_US],
        fields: ['advertiser_id', 'name', 'currency', 'timezone', 'display_timezone', 'status'],
      }),
    );
    expect(get(info, 'data', 'list', 0)).toEqual({
      advertiser_id: ACME_US,
      name: 'Acme Outdoor US',
      currency: 'USD',
      timezone: 'Etc/GMT+5',
      display_timezone: 'America/New_York',
      status: 'STATUS_ENABLE',
    });
    expect(
      get(
        await readJson(await tiktok(env.url, token, 'advertiser/info/', { advertiser_ids: [BENS] })),
        'code',
      ),
    ).toBe(40106);
  });

  it('answers errors inside HTTP 200, needs Access-Token and the trailing slash', async () => {
    const token = await tiktokToken(env.url);
    const missing = await tiktok(env.url, null, 'report/integrated/get/', REPORT);
    expect(missing.status).toBe(200);
    expect(get(await readJson(missing), 'code')).toBe(40104);
    const noSlash = await fetch(
      `${env.url}/business-api.tiktok.com/open_api/v1.3/report/integrated/get?advertiser_id=${ACME_US}`,
      { headers: { 'access-token': token } },
    );
    expect(noSlash.status).toBe(404);
  });

  it('refuses more than 30 days with stat_time_day, and pages 30 days whose totals equal the expected ones', async () => {
    const token = await tiktokToken(env.url);
    const today = localDate(sandboxTestStartMs, 'America/New_York');
    const tooLong = await readJson(
      await tiktok(env.url, token, 'report/integrated/get/', {
        ...REPORT,
        start_date: addDays(today, -31),
        end_date: addDays(today, -1),
      }),
    );
    expect(get(tooLong, 'code')).toBe(40002);
    const start = addDays(today, -30);
    const end = addDays(today, -1);
    const rows: ReportRow[] = [];
    let totalPage = 0;
    for (let page = 1; ; page++) {
      const body = await readJson(
        await tiktok(env.url, token, 'report/integrated/get/', {
          ...REPORT,
          start_date: start,
          end_date: end,
          page,
          page_size: 40,
        }),
      );
      expect(get(body, 'code')).toBe(0);
      rows.push(...(get(body, 'data', 'list') as ReportRow[]));
      totalPage = Number(get(body, 'data', 'page_info', 'total_page'));
      if (page >= totalPage) break;
    }
    expect(totalPage).toBeGreaterThan(1);
    for (const row of rows) {
      expect(row.dimensions.stat_time_day).toMatch(/^\d{4}-\d{2}-\d{2} 00:00:00$/);
      expect(row.metrics.spend).toMatch(/^\d+\.\d{2}$/);
      expect(typeof row.metrics.impressions).toBe('string');
    }
    // Reach campaigns track no purchases: not-applicable metrics are "-".
    expect(
      rows.some((r) => r.metrics.complete_payment === '-' && r.metrics.total_complete_payment_rate === '-'),
    ).toBe(true);
    const expected = expectedDailyTotals({
      provider: 'tiktok',
      accountId: ACME_US,
      start,
      end,
      context: { nowMs: sandboxTestStartMs, restatements: [] },
    });
    const byDate = new Map<string, { spend: bigint; conversions: number; revenue: bigint | null }>();
    for (const row of rows) {
      const date = row.dimensions.stat_time_day.slice(0, 10);
      const day = byDate.get(date) ?? { spend: 0n, conversions: 0, revenue: null };
      day.spend += BigInt(Math.round(Number(row.metrics.spend) * 1_000_000));
      if (row.metrics.complete_payment !== '-') day.conversions += Number(row.metrics.complete_payment);
      if (row.metrics.total_complete_payment_rate !== '-') {
        day.revenue =
          (day.revenue ?? 0n) +
          BigInt(Math.round(Number(row.metrics.total_complete_payment_rate) * 1_000_000));
      }
      byDate.set(date, day);
    }
    expect(
      [...byDate]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([date, d]) => ({
          date,
          spendMicros: d.spend.toString(),
          conversions: d.conversions,
          revenueMicros: d.revenue?.toString() ?? null,
        })),
    ).toEqual(
      expected.map((d) => ({
        date: d.date,
        spendMicros: d.spendMicros,
        conversions: d.conversions,
        revenueMicros: d.revenueMicros,
      })),
    );
  });

  it('lists campaigns and ads with page_info', async () => {
    const token = await tiktokToken(env.url, BEN);
    const campaigns = await readJson(
      await tiktok(env.url, token, 'campaign/get/', { advertiser_id: BENS, page: 1, page_size: 10 }),
    );
    expect(get(campaigns, 'data', 'page_info')).toEqual({
      page: 1,
      page_size: 10,
      total_number: 2,
      total_page: 1,
    });
    expect(get(campaigns, 'data', 'list', 0)).toMatchObject({
      objective_type: 'TRAFFIC',
      operation_status: 'ENABLE',
    });
    const ads = await readJson(
      await tiktok(env.url, token, 'ad/get/', {
        advertiser_id: BENS,
        fields: ['ad_id', 'ad_name', 'campaign_id', 'ad_format', 'landing_page_url'],
      }),
    );
    expect(Object.keys(get(ads, 'data', 'list', 0) as object)).toEqual([
      'ad_id',
      'ad_name',
      'campaign_id',
      'ad_format',
      'landing_page_url',
    ]);
  });
});
