import { adMetricsCollectionPath } from '@cohorts/core';
import { createTestUser, testFirestore } from '@cohorts/test-harness';
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import type { AppRouter } from '../src/server/trpc/app-router';
import { appWithUsers } from './support/app-with-users';
import { googleDaysAroundNov8, metricsDay, seedMetrics } from './support/seed';

const web = appWithUsers({
  users: { alice: 'user', bob: 'user' },
  seed: async ({ alice }) => {
    await seedMetrics(alice.uid, [
      // Nov 8, in the period asked for, has no data at all.
      ...googleDaysAroundNov8(),
      metricsDay('facebook', '2026-11-09', [
        { id: 'm1', currencyCode: 'USD', spend: 10, clicks: 1, impressions: 100 },
        { id: 'm2', currencyCode: 'EUR', spend: 30, clicks: 3, impressions: 300 },
      ]),
    ]);
  },
});

describe('metrics.daily and GET /api/metrics', () => {
  it('returns every date of the range, with empty days explicit', async () => {
    const result = await web.app
      .trpcAs(web.alice.idToken)
      .metrics.daily.query({ from: '2026-11-07', to: '2026-11-09' });
    expect(result.days.map((d) => d.date)).toEqual(['2026-11-07', '2026-11-08', '2026-11-09']);
    expect(result.days[1]?.providers).toEqual({ google: null, facebook: null, linkedin: null, tiktok: null });
    expect(result.days[0]?.providers.google).toMatchObject({ spend: 60.1, clicks: 20, currencyCode: 'USD' });
    expect(result.days[2]?.providers.facebook).toMatchObject({ currencyCode: null, spend: null });

    const rest = await web.app.fetch('/api/metrics?from=2026-11-07&to=2026-11-09&providerIds=google,tiktok', {
      token: web.alice.idToken,
    });
    expect(rest.status).toBe(200);
    const body = await rest.json();
    expect(body).toEqual(
      await web.app
        .trpcAs(web.alice.idToken)
        .metrics.daily.query({ from: '2026-11-07', to: '2026-11-09', providerIds: ['google', 'tiktok'] }),
    );
    expect(Object.keys(body.days[0].providers).sort()).toEqual(['google', 'tiktok']);
  });

  it('400s a bad range, naming the field', async () => {
    const cases: [string, RegExp][] = [
      ['', /from: .*YYYY-MM-DD/],
      ['from=2026-11-07&to=11/09/2026', /^to: must be a date in the form YYYY-MM-DD$/],
      ['from=2026-11-09&to=2026-11-07', /^to: must not be before from \(2026-11-09\)$/],
      ['from=2020-01-01&to=2026-11-07', /^to: the range may span at most 366 days; /],
      ['from=2026-11-07&to=2026-11-09&providerIds=google,snapchat', /^providerIds\.1: must be one of/],
    ];
    for (const [query, message] of cases) {
      const response = await web.app.fetch(`/api/metrics?${query}`, { token: web.alice.idToken });
      expect(response.status, query).toBe(400);
      expect((await response.json()).error.message, query).toMatch(message);
    }
  });

  it('takes a year (366 days) and refuses 367 with 400 naming to, over REST and tRPC, for metrics and insights', async () => {
    const year = { from: '2025-11-08', to: '2026-11-08' };
    const longer = { from: '2025-11-07', to: '2026-11-08' };
    for (const path of ['/api/metrics', '/api/analytics/insights']) {
      const ok = await web.app.fetch(`${path}?from=${year.from}&to=${year.to}`, { token: web.alice.idToken });
      expect(ok.status, path).toBe(200);
      const refused = await web.app.fetch(`${path}?from=${longer.from}&to=${longer.to}`, {
        token: web.alice.idToken,
      });
      expect(refused.status, path).toBe(400);
      expect((await refused.json()).error.message, path).toMatch(/^to: the range may span at most 366 days/);
    }
    const trpc = web.app.trpcAs(web.alice.idToken);
    expect((await trpc.metrics.daily.query(year)).days).toHaveLength(366);
    for (const call of [trpc.metrics.daily.query(longer), trpc.analytics.insights.query(longer)]) {
      const error = await call.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TRPCClientError);
      expect((error as TRPCClientError<AppRouter>).data?.httpStatus).toBe(400);
      expect((error as TRPCClientError<never>).message).toMatch(/^to: the range may span at most 366 days/);
    }
  });

  it('refuses anonymous callers and other tenants', async () => {
    expect((await web.app.fetch('/api/metrics?from=2026-11-07&to=2026-11-09')).status).toBe(401);
    const other = await web.app.fetch(`/api/metrics?from=2026-11-07&to=2026-11-09&userId=${web.alice.uid}`, {
      token: web.bob.idToken,
    });
    expect(other.status).toBe(403);
  });
});

describe('analytics.insights and GET /api/analytics/insights', () => {
  it('reports per provider and blended per currency, against the previous period', async () => {
    const result = await web.app
      .trpcAs(web.alice.idToken)
      .analytics.insights.query({ from: '2026-11-07', to: '2026-11-09' });
    expect(result.previousPeriod).toEqual({ from: '2026-11-04', to: '2026-11-06' });
    const google = result.byProvider.find((p) => p.providerId === 'google')?.currencies;
    expect(google).toHaveLength(1);
    expect(google?.[0]?.current).toMatchObject({ spend: 100.3, clicks: 25, conversions: 3, revenue: 340.4 });
    expect(google?.[0]?.current.roas).toBeCloseTo(340.4 / 100.3);
    expect(google?.[0]?.change.spend).toBeCloseTo((100.3 - 50) / 50);
    expect(result.blended.map((b) => [b.currencyCode, b.current.spend])).toEqual([
      ['EUR', 30],
      ['USD', 110.3],
    ]);
    expect(result.topCampaigns.find((t) => t.currencyCode === 'USD')?.campaigns[0]).toMatchObject({
      campaignId: 'g1',
      spend: 60.1,
    });

    const rest = await web.app.fetch('/api/analytics/insights?from=2026-11-07&to=2026-11-09&top=1', {
      token: web.alice.idToken,
    });
    expect(rest.status).toBe(200);
    const body = await rest.json();
    expect(body.topCampaigns.every((t: { campaigns: unknown[] }) => t.campaigns.length === 1)).toBe(true);
  });

  it("reads the previous period's campaigns only: its creatives never leave Firestore", async () => {
    const carol = await createTestUser();
    await seedMetrics(carol.uid, [
      metricsDay('google', '2026-11-05', [
        { id: 'g1', currencyCode: 'USD', spend: 50, clicks: 10, impressions: 1000 },
      ]),
      metricsDay('google', '2026-11-07', [
        { id: 'g1', currencyCode: 'USD', spend: 75, clicks: 10, impressions: 1000 },
      ]),
    ]);
    // A field no read of the comparison may touch: were it read, the contract check would fail the call.
    await testFirestore()
      .doc(`${adMetricsCollectionPath(carol.uid)}/2026-11-05_google`)
      .update({ creatives: 'not read' });
    const result = await web.app
      .trpcAs(carol.idToken)
      .analytics.insights.query({ from: '2026-11-07', to: '2026-11-09' });
    expect(result.byProvider[0]?.currencies[0]?.change.spend).toBeCloseTo(0.5);
  });

  it('400s a bad top and a bad range', async () => {
    const response = await web.app.fetch('/api/analytics/insights?from=2026-11-07&to=2026-11-09&top=many', {
      token: web.alice.idToken,
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toBe('top: must be a whole number');
    const error = await web.app
      .trpcAs(web.alice.idToken)
      .analytics.insights.query({ from: '2026-11-09', to: '2026-11-01' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<never>).message).toBe('to: must not be before from (2026-11-09)');
  });
});
