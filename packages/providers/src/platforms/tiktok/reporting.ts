import type { Creative } from '@cohorts/core/contract';
import type {
  AccountMetricsResult,
  AccountWindow,
  CredentialContext,
  MetricsFetchRequest,
  RawResponse,
} from '../../connector';
import type { TikTokConversionMapping } from '../../conversion-mapping';
import { chunkDateRange } from '../../util/date-chunks';
import { creativesWarning } from '../shared/creatives';
import type { PlatformDeps } from '../shared/platform-deps';
import { assertWindow } from '../shared/windows';
import { tiktokPages } from './api';
import { tiktokConfig } from './config';
import { normalizeTikTokReport, tiktokCreativesByCampaign } from './normalize';
import {
  TikTokAdsSchema,
  type TikTokCampaign,
  TikTokCampaignsSchema,
  type TikTokReportRow,
  TikTokReportSchema,
} from './schemas';

export function tiktokReportMetrics(mapping: TikTokConversionMapping): string[] {
  const metrics = ['campaign_name', 'spend', 'impressions', 'clicks', mapping.conversions];
  if (mapping.revenue) metrics.push(mapping.revenue);
  return metrics;
}

/**
 * One advertiser: its campaigns (objectives), the BASIC campaign x day report in 30-day chunks with
 * page/total_page paging, then its ads as creatives.
 */
export async function fetchTikTokAccount(
  deps: PlatformDeps,
  credential: CredentialContext,
  window: AccountWindow,
  mapping: TikTokConversionMapping,
  request: Pick<MetricsFetchRequest, 'onProgress'>,
  signal: AbortSignal,
): Promise<AccountMetricsResult> {
  const { account } = window;
  assertWindow('tiktok', window);
  const raw: RawResponse[] = [];
  const call = { credential, accountId: account.id, signal };
  const keep = (label: string) => (body: unknown) =>
    raw.push({ accountId: account.id, request: label, body });

  const campaignsLabel = `campaigns of ${account.id}`;
  const campaignList = await tiktokPages(
    deps,
    { ...call, label: campaignsLabel },
    {
      path: 'campaign/get/',
      params: { advertiser_id: account.id, fields: ['campaign_id', 'campaign_name', 'objective_type'] },
      schema: TikTokCampaignsSchema,
    },
    keep(campaignsLabel),
  );
  const campaigns = new Map<string, TikTokCampaign>(campaignList.map((c) => [String(c.campaign_id), c]));

  const rows: TikTokReportRow[] = [];
  const chunks = chunkDateRange(window.start, window.end, tiktokConfig.maxDaysPerRequest);
  const daysTotal = chunks.reduce((sum, chunk) => sum + chunk.days, 0);
  let daysDone = 0;
  for (const chunk of chunks) {
    const label = `report of ${account.id} ${chunk.start}..${chunk.end}`;
    const chunkRows = await tiktokPages(
      deps,
      { ...call, label },
      {
        path: 'report/integrated/get/',
        params: {
          advertiser_id: account.id,
          service_type: 'AUCTION',
          report_type: 'BASIC',
          data_level: 'AUCTION_CAMPAIGN',
          dimensions: ['campaign_id', 'stat_time_day'],
          metrics: tiktokReportMetrics(mapping),
          start_date: chunk.start,
          end_date: chunk.end,
          query_lifetime: false,
        },
        schema: TikTokReportSchema,
      },
      keep(label),
    );
    rows.push(...chunkRows);
    daysDone += chunk.days;
    request.onProgress?.({ accountId: account.id, daysDone, daysTotal });
  }

  const warnings: string[] = [];
  let creatives = new Map<string, Creative[]>();
  try {
    const label = `ads of ${account.id}`;
    const ads = await tiktokPages(
      deps,
      { ...call, label },
      {
        path: 'ad/get/',
        params: {
          advertiser_id: account.id,
          fields: ['ad_id', 'ad_name', 'campaign_id', 'ad_format', 'landing_page_url'],
        },
        schema: TikTokAdsSchema,
      },
      keep(label),
    );
    creatives = tiktokCreativesByCampaign(ads);
  } catch (error) {
    warnings.push(creativesWarning(account, error));
  }
  return {
    accountId: account.id,
    ok: true,
    records: normalizeTikTokReport(rows, account, mapping, campaigns, creatives),
    raw,
    warnings,
  };
}
