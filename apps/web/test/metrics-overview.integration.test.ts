import { type AdMetricsDay, SyncJobsRepository } from '@cohorts/core';
import { testFirestore } from '@cohorts/test-harness';
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { metricsOverview } from '../src/server/handlers/metrics-overview';
import { appWithUsers } from './support/app-with-users';
import { googleDaysAroundNov8, metricsDay, seedIntegration, seedMetrics } from './support/seed';

/** A date a sync read where the platform reported nothing (the sync writes it with no campaigns). */
function emptyDay(providerId: AdMetricsDay['providerId'], date: string): AdMetricsDay {
  return {
    ...metricsDay(providerId, date, []),
    currencyTotals: [{ currencyCode: 'USD', spend: 0, revenue: null }],
    creatives: [],
  };
}

const web = appWithUsers({
  users: { alice: 'user', bob: 'user' },
  seed: async ({ alice }) => {
    await seedIntegration(alice.uid, 'google', {
      adAccounts: [
        {
          id: 'acct-USD',
          name: 'Acme US',
          currencyCode: 'USD',
          timeZone: 'America/New_York',
          status: 'active',
          isManager: false,
          loginCustomerId: null,
        },
        {
          id: 'acct-closed',
          name: 'Old shop',
          currencyCode: 'USD',
          timeZone: 'America/New_York',
          status: 'closed',
          isManager: false,
          loginCustomerId: null,
        },
      ],
    });
    await seedIntegration(alice.uid, 'linkedin', { lastSyncStatus: 'pending', lastSyncedAt: null });
    await new SyncJobsRepository(testFirestore()).createUnlessLive(
      alice.uid,
      { providerId: 'linkedin', jobType: 'initial-backfill', timeframeDays: 90 },
      { now: new Date('2026-11-20T03:00:00Z') },
    );
    await seedMetrics(alice.uid, [
      // The range (Nov 7-9): Google reports on the 7th and 9th, read the 8th and found nothing.
      ...googleDaysAroundNov8(),
      emptyDay('google', '2026-11-08'),
      // Meta is not linked any more, but its numbers are kept: one day in two currencies.
      metricsDay('facebook', '2026-11-09', [
        { id: 'm1', currencyCode: 'USD', spend: 10, clicks: 1, impressions: 100 },
        { id: 'm2', currencyCode: 'JPY', spend: 3000, clicks: 3, impressions: 300 },
      ]),
    ]);
  },
});

describe('metrics.overview', () => {
  it('gives KPIs per currency with their change, never a sum across currencies', async () => {
    const overview = await web.app
      .trpcAs(web.alice.idToken)
      .metrics.overview.query({ from: '2026-11-07', to: '2026-11-09' });
    expect(overview.previousPeriod).toEqual({ from: '2026-11-04', to: '2026-11-06' });
    expect(overview.blended.map((b) => [b.currencyCode, b.current.spend, b.previous.spend])).toEqual([
      ['JPY', 3000, 0],
      ['USD', 110.3, 50],
    ]);
    const usd = overview.blended.find((b) => b.currencyCode === 'USD');
    expect(usd?.change.spend).toBeCloseTo((110.3 - 50) / 50);
    expect(usd?.current.revenue).toBeCloseTo(340.4);
    // Only Nov 5 of Nov 4-6 was synced for Google, none of it for Meta: the comparison is flagged.
    expect(overview.previousPeriodGaps).toEqual([
      { providerId: 'google', missingDays: 2 },
      { providerId: 'facebook', missingDays: 3 },
    ]);
  });

  it('tells reported, empty, syncing and unlinked days apart, with each currency split out', async () => {
    const overview = await web.app
      .trpcAs(web.alice.idToken)
      .metrics.overview.query({ from: '2026-11-07', to: '2026-11-09' });
    const states = overview.days.map((d) => [
      d.date,
      d.providers.google?.state,
      d.providers.facebook?.state,
      d.providers.linkedin?.state,
      d.providers.tiktok?.state,
    ]);
    expect(states).toEqual([
      ['2026-11-07', 'reported', 'not-linked', 'syncing', 'not-linked'],
      ['2026-11-08', 'no-activity', 'not-linked', 'syncing', 'not-linked'],
      ['2026-11-09', 'reported', 'reported', 'syncing', 'not-linked'],
    ]);
    expect(overview.days[2]?.providers.facebook?.figures.map((f) => [f.currencyCode, f.spend])).toEqual([
      ['JPY', 3000],
      ['USD', 10],
    ]);
    const linkedin = overview.providers.find((p) => p.providerId === 'linkedin');
    expect(linkedin).toMatchObject({ linked: true, syncing: true, liveJob: { jobType: 'initial-backfill' } });
    // LinkedIn's days are UTC days, whatever the account's own zone.
    expect(linkedin?.accounts[0]?.reportingTimeZone).toBe('UTC');
    const google = overview.providers.find((p) => p.providerId === 'google');
    expect(google?.accounts.map((a) => [a.id, a.state])).toEqual([
      ['acct-USD', 'synced'],
      ['acct-closed', 'skipped'],
    ]);
  });

  it('lists every campaign with its account name, and the creatives', async () => {
    const overview = await web.app
      .trpcAs(web.alice.idToken)
      .metrics.overview.query({ from: '2026-11-07', to: '2026-11-09' });
    expect(
      overview.campaigns.map((c) => [c.providerId, c.campaignId, c.currencyCode, c.spend, c.accountName]),
    ).toEqual([
      ['facebook', 'm2', 'JPY', 3000, null],
      ['google', 'g1', 'USD', 60.1, 'Acme US'],
      ['google', 'g2', 'USD', 40.2, 'Acme US'],
      ['facebook', 'm1', 'USD', 10, null],
    ]);
    expect(overview.campaignsOmitted).toBe(0);
    expect(overview.creatives.map((c) => [c.providerId, c.id, c.daysActive])).toEqual([
      ['google', 'cr-google', 2],
      ['facebook', 'cr-facebook', 1],
    ]);
  });

  it('marks the days still inside the re-read window as provisional, by each account-local "today"', async () => {
    // 02:00 UTC on Nov 12 is still Nov 11 in New York: Google's provisional days start Nov 3.
    const overview = await metricsOverview(
      { kind: 'user', uid: web.alice.uid, email: null },
      { from: '2026-11-07', to: '2026-11-09' },
      new Date('2026-11-12T02:00:00Z'),
    );
    const google = overview.providers.find((p) => p.providerId === 'google');
    expect(google?.provisional).toMatchObject({
      windowDays: 8,
      provisionalFrom: '2026-11-03',
      platformRestatesLonger: true,
    });
    expect(overview.days.map((d) => d.providers.google?.mayChangeUntil)).toEqual([
      '2026-11-15',
      '2026-11-16',
      '2026-11-17',
    ]);
    // Unlinked, no data: nothing is provisional.
    expect(overview.days.every((d) => d.providers.tiktok?.mayChangeUntil === null)).toBe(true);

    const later = await metricsOverview(
      { kind: 'user', uid: web.alice.uid, email: null },
      { from: '2026-11-07', to: '2026-11-09' },
      new Date('2026-12-01T12:00:00Z'),
    );
    expect(later.days.every((d) => d.providers.google?.mayChangeUntil === null)).toBe(true);
  });

  it('400s a range longer than the dashboard shows, naming the field; refuses strangers', async () => {
    const error = await web.app
      .trpcAs(web.alice.idToken)
      .metrics.overview.query({ from: '2025-01-01', to: '2026-11-09' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<never>).message).toBe(
      'to: the dashboard shows at most 366 days at a time',
    );
    const forbidden = await web.app
      .trpcAs(web.bob.idToken)
      .metrics.overview.query({ from: '2026-11-07', to: '2026-11-09', userId: web.alice.uid })
      .catch((e: unknown) => e);
    expect(forbidden).toMatchObject({ data: { httpStatus: 403 } });
    const anonymous = await web.app
      .trpcAs(null)
      .metrics.overview.query({ from: '2026-11-07', to: '2026-11-09' })
      .catch((e: unknown) => e);
    expect(anonymous).toMatchObject({ data: { httpStatus: 401 } });
  });
});
