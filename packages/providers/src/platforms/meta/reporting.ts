import type { Creative } from '@cohorts/core/contract';
import type {
  AccountMetricsResult,
  AccountWindow,
  CredentialContext,
  MetricsFetchRequest,
  RawResponse,
} from '../../connector';
import type { MetaConversionMapping } from '../../conversion-mapping';
import { chunkDateRange } from '../../util/date-chunks';
import { creativesWarning } from '../shared/creatives';
import type { PlatformDeps } from '../shared/platform-deps';
import { assertWindow } from '../shared/windows';
import { graphPages } from './api';
import { metaConfig } from './config';
import { metaCreativesByCampaign, normalizeMetaInsights } from './normalize';
import { MetaAdsPageSchema, type MetaInsightRow, MetaInsightsPageSchema } from './schemas';

const INSIGHT_FIELDS = [
  'campaign_id',
  'campaign_name',
  'objective',
  'account_currency',
  'spend',
  'impressions',
  'clicks',
  'actions',
  'action_values',
].join(',');

/** Campaign-level daily insights in chunks of at most 31 days, cursor-paged, then the account's ads. */
export async function fetchMetaAccount(
  deps: PlatformDeps,
  credential: CredentialContext,
  window: AccountWindow,
  mapping: MetaConversionMapping,
  request: Pick<MetricsFetchRequest, 'onProgress'>,
  signal: AbortSignal,
): Promise<AccountMetricsResult> {
  const { account } = window;
  assertWindow('facebook', window);
  const raw: RawResponse[] = [];
  const rows: MetaInsightRow[] = [];
  const chunks = chunkDateRange(window.start, window.end, metaConfig.maxDaysPerRequest);
  const daysTotal = chunks.reduce((sum, chunk) => sum + chunk.days, 0);
  let daysDone = 0;
  for (const chunk of chunks) {
    const label = `insights of act_${account.id} ${chunk.start}..${chunk.end}`;
    const chunkRows = await graphPages(
      deps,
      { credential, label, accountId: account.id, signal },
      {
        path: `act_${account.id}/insights`,
        query: {
          level: 'campaign',
          time_increment: 1,
          time_range: JSON.stringify({ since: chunk.start, until: chunk.end }),
          fields: INSIGHT_FIELDS,
          action_attribution_windows: JSON.stringify(mapping.attributionWindows),
          limit: metaConfig.pageSize,
        },
        schema: MetaInsightsPageSchema,
      },
      (page) => raw.push({ accountId: account.id, request: label, body: page.raw }),
    );
    rows.push(...chunkRows);
    daysDone += chunk.days;
    request.onProgress?.({ accountId: account.id, daysDone, daysTotal });
  }

  const warnings: string[] = [];
  let creatives = new Map<string, Creative[]>();
  try {
    const label = `ads of act_${account.id}`;
    const ads = await graphPages(
      deps,
      { credential, label, accountId: account.id, signal },
      {
        path: `act_${account.id}/ads`,
        query: {
          fields: 'id,name,campaign_id,creative{id,name,object_type,thumbnail_url,image_url}',
          limit: metaConfig.pageSize,
        },
        schema: MetaAdsPageSchema,
      },
      (page) => raw.push({ accountId: account.id, request: label, body: page.raw }),
    );
    creatives = metaCreativesByCampaign(ads);
  } catch (error) {
    warnings.push(creativesWarning(account, error));
  }
  return {
    accountId: account.id,
    ok: true,
    records: normalizeMetaInsights(rows, account, mapping, creatives),
    raw,
    warnings,
  };
}
