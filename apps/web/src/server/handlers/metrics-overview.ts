import 'server-only';
import {
  type AdAccount,
  type AdIntegration,
  AdIntegrationsRepository,
  AdMetricsRepository,
  type CurrencyDayFigures,
  campaignTotals,
  computeInsights,
  creativeLandingPageUrl,
  creativeThumbnailUrl,
  creativeTotals,
  currencyDayFigures,
  type DayState,
  dayState,
  type MetricsDateRow,
  mayChangeUntil,
  type ProviderId,
  type ProvisionalRule,
  previousPeriod,
  providerDisplayNames,
  providerIds,
  provisionalRule,
  type SyncJobRecord,
  SyncJobsRepository,
} from '@cohorts/core';
import { accountsToSync, reportingTimeZone, unreportableAccounts } from '@cohorts/sync';
import type { z } from 'zod';
import type { Caller } from '../auth/caller';
import { targetUser } from '../auth/target-user';
import { clock, firestore } from '../services';
import { checkRange, MetricsRangeFields, maxReadRangeDays } from './schemas';

/** The dashboard reads at most a year at a time (and the year before it, for the comparison). */
export const maxOverviewRangeDays = maxReadRangeDays;
/** Bounds on what one answer carries; the rest is counted, not dropped silently. */
const maxOverviewCampaigns = 2000;
const maxOverviewCreatives = 120;

export const MetricsOverviewInput = MetricsRangeFields.superRefine(
  checkRange(maxOverviewRangeDays, `the dashboard shows at most ${maxOverviewRangeDays} days at a time`),
);

/** One provider's date: what it holds, its numbers per currency, and until when they may change. */
export interface OverviewProviderDay {
  state: DayState;
  figures: CurrencyDayFigures[];
  /** The last account-local date the numbers may still change on; null once final. */
  mayChangeUntil: string | null;
}

function providerOverview(
  providerId: ProviderId,
  integration: AdIntegration | null,
  liveJob: SyncJobRecord | null,
  hasData: boolean,
  now: Date,
) {
  const synced = integration ? accountsToSync(integration) : [];
  const skipped = integration ? unreportableAccounts(integration) : [];
  const timeZones = [...new Set(synced.map((account) => reportingTimeZone(providerId, account)))];
  const provisional: ProvisionalRule | null =
    integration || hasData
      ? provisionalRule({
          providerId,
          timeZones,
          scheduledTimeframeDays: integration?.scheduledTimeframeDays ?? null,
          now,
        })
      : null;
  const accountEntry =
    <State extends 'synced' | 'skipped'>(state: State) =>
    (account: AdAccount) => ({
      id: account.id,
      name: account.name,
      currencyCode: account.currencyCode,
      reportingTimeZone: reportingTimeZone(providerId, account),
      state,
    });
  return {
    providerId,
    displayName: providerDisplayNames[providerId],
    linked: integration !== null,
    lastSyncStatus: integration?.lastSyncStatus ?? 'never',
    lastSyncedAt: integration?.lastSyncedAt?.toISOString() ?? null,
    syncing: liveJob !== null && (liveJob.status === 'queued' || liveJob.status === 'running'),
    liveJob: liveJob
      ? { jobType: liveJob.jobType, status: liveJob.status, progress: liveJob.progress }
      : null,
    accounts: [...synced.map(accountEntry('synced')), ...skipped.map(accountEntry('skipped'))],
    provisional,
  };
}

const reported = <Day>(rows: readonly MetricsDateRow<Day>[]): Day[] =>
  rows.flatMap((row) =>
    Object.values(row.providers).filter((day): day is Day => day !== null && day !== undefined),
  );

/**
 * Everything the dashboard's Metrics panel shows for a range, from one read of the range and one of
 * the period before it: per-currency KPIs with their change, each provider's days (with what an
 * empty day means and until when a day may change), every campaign, the creatives, and each
 * provider's accounts (synced or skipped) and live sync.
 */
export async function metricsOverview(
  caller: Caller,
  input: z.infer<typeof MetricsOverviewInput>,
  now = clock().now(),
) {
  const userId = targetUser(caller, input.userId);
  const db = firestore();
  const metrics = new AdMetricsRepository(db);
  const jobs = new SyncJobsRepository(db);
  const wanted = input.providerIds?.length ? input.providerIds : [...providerIds];
  const before = previousPeriod(input.from, input.to);
  const [rows, previousRows, integrations] = await Promise.all([
    metrics.readRange(userId, { from: input.from, to: input.to, providerIds: wanted }),
    // The comparison needs only the campaigns: not the creatives, often most of a document.
    metrics.readRangeFields(userId, { ...before, providerIds: wanted }, ['campaigns']),
    new AdIntegrationsRepository(db).listForUser(userId),
  ]);
  const current = reported(rows);

  const providers = await Promise.all(
    wanted.map(async (providerId) => {
      const integration = integrations.find((i) => i.providerId === providerId) ?? null;
      const liveJob = integration?.liveSyncJobId ? await jobs.get(userId, integration.liveSyncJobId) : null;
      const hasData = current.some((day) => day.providerId === providerId);
      return providerOverview(providerId, integration, liveJob, hasData, now);
    }),
  );

  const days = rows.map((row) => ({
    date: row.date,
    providers: Object.fromEntries(
      providers.map((provider): [ProviderId, OverviewProviderDay] => {
        const day = row.providers[provider.providerId] ?? null;
        const state = dayState({
          campaignCount: day ? day.campaigns.length : null,
          linked: provider.linked,
          syncing: provider.syncing,
        });
        return [
          provider.providerId,
          {
            state,
            figures: day ? currencyDayFigures(day) : [],
            // Only numbers a sync has read can change; a date not read yet is not provisional, it is missing.
            mayChangeUntil:
              provider.provisional && (state === 'reported' || state === 'no-activity')
                ? mayChangeUntil(row.date, provider.provisional)
                : null,
          },
        ];
      }),
    ) as Partial<Record<ProviderId, OverviewProviderDay>>,
  }));

  const insights = computeInsights({
    period: { from: input.from, to: input.to },
    current,
    previous: reported(previousRows),
    top: 1,
  });
  // A comparison with a period we hold only part of would be a made-up change: say which is missing.
  const previousPeriodGaps = providers
    .filter((provider) => current.some((day) => day.providerId === provider.providerId))
    .map((provider) => ({
      providerId: provider.providerId,
      missingDays: previousRows.filter((row) => (row.providers[provider.providerId] ?? null) === null).length,
    }))
    .filter((gap) => gap.missingDays > 0);
  const accountNames = new Map(
    integrations.flatMap((i) => i.adAccounts.map((a) => [`${i.providerId}|${a.id}`, a.name] as const)),
  );
  const campaigns = campaignTotals(current);
  const creatives = creativeTotals(current);

  return {
    userId,
    period: insights.period,
    previousPeriod: insights.previousPeriod,
    blended: insights.blended,
    /** Providers with numbers now whose previous period has dates no sync read (changes would mislead). */
    previousPeriodGaps,
    providers,
    days,
    campaigns: campaigns.slice(0, maxOverviewCampaigns).map((campaign) => ({
      ...campaign,
      accountName: accountNames.get(`${campaign.providerId}|${campaign.accountId}`) ?? null,
    })),
    campaignsOmitted: Math.max(0, campaigns.length - maxOverviewCampaigns),
    creatives: creatives.slice(0, maxOverviewCreatives).map((creative) => ({
      providerId: creative.providerId,
      id: creative.id,
      name: creative.name,
      type: creative.type,
      daysActive: creative.daysActive,
      thumbnailUrl: creativeThumbnailUrl(creative.providerId, creative.url),
      landingPageUrl: creativeLandingPageUrl(creative.providerId, creative.url),
    })),
    creativesOmitted: Math.max(0, creatives.length - maxOverviewCreatives),
  };
}
