import { describe, expect, it } from 'vitest';
import { addDays, localDate, RESTATEMENT_WINDOW_DAYS } from '../src';
import { control, get, readJson, sandboxTestStartMs, useSandbox } from './support/harness';
import { googleAds, googleTokenRequest, googleTokens, tiktok, tiktokToken } from './support/tokens';

const MANAGER = '4455667788';
const ACME_US = '1112223334';

interface ExpectedBody {
  revision: number;
  days: Array<{ date: string; conversions: number; revenue: string | null; spend: string }>;
}

describe('request meter', () => {
  const env = useSandbox();

  it('counts per credential per calendar second and per sliding second, listing seconds above 10', async () => {
    await control(env.url, 'meter', { method: 'DELETE' });
    const tt = await tiktokToken(env.url);
    await control(env.url, 'clock', {
      method: 'POST',
      body: { now: '2026-11-20T10:00:00.250Z', freeze: true },
    });
    await Promise.all(
      Array.from({ length: 15 }, () =>
        tiktok(env.url, tt, 'oauth2/advertiser/get/', { app_id: 'a', secret: 's' }),
      ),
    );
    await control(env.url, 'clock', { method: 'POST', body: { advanceMs: 1_500 } });
    for (let i = 0; i < 3; i++)
      await tiktok(env.url, tt, 'oauth2/advertiser/get/', { app_id: 'a', secret: 's' });
    await control(env.url, 'clock', { method: 'POST', body: { reset: true } });

    const meter = get(await readJson(await control(env.url, 'meter')), 'credentials') as Array<
      Record<string, unknown>
    >;
    const entry = meter.find((m) => (m.accessTokens as string[]).includes(tt));
    expect(entry).toMatchObject({
      provider: 'tiktok',
      loginId: 'ada@northwind-agency.example',
      clientId: 'tt-app',
      total: 18,
      maxPerCalendarSecond: 15,
      maxPerSlidingSecond: 15,
      secondsAbove10: [{ second: Math.floor(Date.parse('2026-11-20T10:00:00.250Z') / 1000), count: 15 }],
    });
    await control(env.url, 'meter', { method: 'DELETE' });
    expect(get(await readJson(await control(env.url, 'meter')), 'credentials')).toEqual([]);
  });

  it('keeps one credential across a Google token refresh', async () => {
    await control(env.url, 'meter', { method: 'DELETE' });
    const tokens = await googleTokens(env.url);
    await googleAds(env.url, tokens.accessToken, 'customers:listAccessibleCustomers');
    const refreshed = await readJson(
      await googleTokenRequest(env.url, {
        grant_type: 'refresh_token',
        refresh_token: tokens.refreshToken,
        client_id: tokens.clientId,
        client_secret: 's',
      }),
    );
    await googleAds(env.url, String(get(refreshed, 'access_token')), 'customers:listAccessibleCustomers');
    const meter = get(await readJson(await control(env.url, 'meter')), 'credentials') as Array<
      Record<string, unknown>
    >;
    expect(meter).toHaveLength(1);
    expect(meter[0]).toMatchObject({
      provider: 'google',
      total: 2,
      accessTokens: [tokens.accessToken, get(refreshed, 'access_token')],
    });
  });
});

describe('control API', () => {
  const env = useSandbox();

  it('restates conversions of the last days only, and reset brings the first numbers back', async () => {
    const today = localDate(sandboxTestStartMs, 'America/New_York');
    const start = addDays(today, -20);
    const end = addDays(today, -1);
    const expected = async () =>
      (await readJson(
        await control(env.url, `expected?provider=google&accountId=${ACME_US}&start=${start}&end=${end}`),
      )) as ExpectedBody;
    const before = await expected();
    expect(before.revision).toBe(0);
    const { accessToken } = await googleTokens(env.url);
    const query = `SELECT campaign.id, segments.date, metrics.conversions FROM campaign WHERE segments.date BETWEEN '${start}' AND '${end}'`;
    const rowsBefore = await (
      await googleAds(env.url, accessToken, `customers/${ACME_US}/googleAds:searchStream`, {
        query,
        loginCustomerId: MANAGER,
      })
    ).text();

    expect(await readJson(await control(env.url, 'restate', { method: 'POST' }))).toEqual({ revision: 1 });
    const after = await expected();
    expect(after.revision).toBe(1);
    const windowStart = addDays(today, -RESTATEMENT_WINDOW_DAYS);
    for (const [index, day] of after.days.entries()) {
      const old = before.days[index];
      expect(day.date).toBe(old?.date);
      expect(day.spend).toBe(old?.spend);
      if (day.date < windowStart) expect(day.conversions).toBe(old?.conversions);
      else expect(day.conversions).toBeGreaterThan(old?.conversions ?? Number.POSITIVE_INFINITY);
    }
    const rowsAfter = await (
      await googleAds(env.url, accessToken, `customers/${ACME_US}/googleAds:searchStream`, {
        query,
        loginCustomerId: MANAGER,
      })
    ).text();
    expect(rowsAfter).not.toBe(rowsBefore);

    await control(env.url, 'reset', { method: 'POST' });
    expect(await expected()).toEqual(before);
  });

  it('refuses a bad expected query with a 400 naming the field', async () => {
    const missing = await readJson(
      await control(env.url, 'expected?provider=google&start=2026-01-01&end=2026-01-02'),
    );
    expect(get(missing, 'error', 'field')).toBe('accountId');
    const provider = await readJson(
      await control(env.url, 'expected?provider=myspace&accountId=1&start=2026-01-01&end=2026-01-02'),
    );
    expect(get(provider, 'error', 'field')).toBe('provider');
    const date = await readJson(
      await control(
        env.url,
        `expected?provider=meta&accountId=1010000000000001&start=2026-13-01&end=2026-01-02`,
      ),
    );
    expect(get(date, 'error', 'field')).toBe('start');
    const unknown = await control(
      env.url,
      'expected?provider=tiktok&accountId=42&start=2026-01-01&end=2026-01-02',
    );
    expect(unknown.status).toBe(400);
  });

  it('serves the fixtures, the clock, and names the hosts for an unknown prefix', async () => {
    const fixtures = await readJson(await control(env.url, 'fixtures'));
    expect(get(fixtures, 'google', 'logins', 0, 'id')).toBe('ada@northwind-agency.example');
    const before = Date.parse(String(get(await readJson(await control(env.url, 'clock')), 'now')));
    expect(before).toBeGreaterThanOrEqual(sandboxTestStartMs);
    const clock = await readJson(
      await control(env.url, 'clock', { method: 'POST', body: { advanceMs: 86_400_000 } }),
    );
    const moved = Date.parse(String(get(clock, 'now'))) - before;
    expect(moved).toBeGreaterThanOrEqual(86_400_000);
    expect(moved).toBeLessThan(86_400_000 + 5_000);
    await control(env.url, 'clock', { method: 'POST', body: { reset: true } });
    const unknown = await fetch(`${env.url}/api.twitter.com/2/tweets`);
    expect(unknown.status).toBe(404);
    expect(get(await readJson(unknown), 'error', 'hosts')).toContain('graph.facebook.com');
  });
});
