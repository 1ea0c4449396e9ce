import { type Creative, daysBetween } from '@cohorts/core/contract';
import type {
  AccountMetricsResult,
  AccountWindow,
  CredentialContext,
  MetricsFetchRequest,
} from '../../connector';
import type { GoogleConversionMapping } from '../../conversion-mapping';
import { ProviderError } from '../../http/provider-error';
import { creativesWarning } from '../shared/creatives';
import type { PlatformDeps } from '../shared/platform-deps';
import { assertWindow } from '../shared/windows';
import { searchStream } from './api';
import { adQuery, campaignDayQuery } from './gaql';
import { googleCreativesByCampaign, normalizeGoogleCampaignDays } from './normalize';
import { AdStreamSchema, CampaignDayStreamSchema } from './schemas';

/**
 * One account's campaign days: a single searchStream (it has no pages) for the whole window, plus
 * the account's ads for creatives. Manager accounts hold no metrics and are refused.
 */
export async function fetchGoogleAccount(
  deps: PlatformDeps,
  credential: CredentialContext,
  window: AccountWindow,
  mapping: GoogleConversionMapping,
  request: Pick<MetricsFetchRequest, 'onProgress'>,
  signal: AbortSignal,
): Promise<AccountMetricsResult> {
  const { account } = window;
  assertWindow('google', window);
  if (account.isManager) {
    return {
      accountId: account.id,
      ok: false,
      error: new ProviderError({
        providerId: 'google',
        kind: 'permanent',
        platformCode: 'MANAGER_ACCOUNT',
        accountId: account.id,
        message: `${account.name} is a manager account: it has no metrics of its own; select its client accounts.`,
      }),
    };
  }
  const call = {
    credential,
    customerId: account.id,
    loginCustomerId: account.loginCustomerId,
    accountId: account.id,
    signal,
  };
  const range = `${window.start}..${window.end}`;
  const metricsLabel = `campaign report of ${account.id} ${range}`;
  const days = await searchStream(
    deps,
    { ...call, label: metricsLabel },
    campaignDayQuery(window.start, window.end, mapping),
    CampaignDayStreamSchema,
  );
  const raw = [{ accountId: account.id, request: metricsLabel, body: days.raw }];
  const warnings: string[] = [];
  let creatives = new Map<string, Creative[]>();
  try {
    const ads = await searchStream(deps, { ...call, label: `ads of ${account.id}` }, adQuery, AdStreamSchema);
    creatives = googleCreativesByCampaign(ads.data.flatMap((batch) => batch.results));
    raw.push({ accountId: account.id, request: `ads of ${account.id}`, body: ads.raw });
  } catch (error) {
    warnings.push(creativesWarning(account, error));
  }
  const rows = days.data.flatMap((batch) => batch.results);
  const daysTotal = daysBetween(window.start, window.end) + 1;
  request.onProgress?.({ accountId: account.id, daysDone: daysTotal, daysTotal });
  return {
    accountId: account.id,
    ok: true,
    records: normalizeGoogleCampaignDays(rows, account, mapping, creatives),
    raw,
    warnings,
  };
}
