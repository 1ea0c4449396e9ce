import { utcOffsetMinutes } from '../../data/dates';
import { findAccount } from '../../data/fixtures';
import type { SandboxAccount, SandboxCampaign } from '../../data/model';
import type { Reply } from '../../http/types';
import type { ApiContext, ApiRoute } from '../platform';
import { notAuthorized, ok, paramError } from './envelope';
import { API, TIKTOK_HOST } from './oauth';
import { advertiserId, jsonArray, pageReply, paging, selectFields } from './params';

const MAX_ADVERTISERS_PER_INFO = 100;

/** TikTok's `timezone` is a fixed `Etc/GMT±N` (signs inverted, per the tz database); `display_timezone` the IANA name. */
function etcZone(timeZone: string): string {
  const hours = Math.round(utcOffsetMinutes(Date.parse('2026-01-15T12:00:00Z'), timeZone) / 60);
  if (hours === 0) return 'Etc/GMT';
  return `Etc/GMT${hours > 0 ? '-' : '+'}${Math.abs(hours)}`;
}

const tiktokTime = (date: string) => `${date} 00:00:00`;
const unixSeconds = (date: string) => Math.floor(Date.parse(`${date}T00:00:00Z`) / 1000);

function advertiserInfo(account: SandboxAccount): Record<string, unknown> {
  const created = account.campaigns.map((c) => c.startDate).sort()[0] ?? '2025-01-01';
  return {
    advertiser_id: account.id,
    name: account.name,
    currency: account.currency,
    timezone: etcZone(account.timeZone),
    display_timezone: account.timeZone,
    status: account.platformStatus,
    role: 'ROLE_ADVERTISER',
    company: account.name.replace(/\s*\(.*\)$/, ''),
    country: { USD: 'US', EUR: 'DE', JPY: 'JP', GBP: 'GB', AUD: 'AU' }[account.currency] ?? 'US',
    balance: 0,
    create_time: unixSeconds(created),
    description: '',
    email: 'ads@sandbox.example',
    industry: '290302',
    rejection_reason: '',
    owner_bc_id: '7000000000000000009',
  };
}

function campaignInfo(account: SandboxAccount, campaign: SandboxCampaign): Record<string, unknown> {
  const enabled = campaign.status === 'ENABLE';
  return {
    advertiser_id: account.id,
    campaign_id: campaign.id,
    campaign_name: campaign.name,
    campaign_type: 'REGULAR_CAMPAIGN',
    objective_type: campaign.objective,
    operation_status: campaign.status,
    secondary_status: enabled
      ? campaign.state === 'ended'
        ? 'CAMPAIGN_STATUS_TIME_DONE'
        : 'CAMPAIGN_STATUS_ENABLE'
      : 'CAMPAIGN_STATUS_DISABLE',
    budget: Math.round(campaign.profile.dailySpend * 1.2 * 100) / 100,
    budget_mode: 'BUDGET_MODE_DAY',
    is_smart_performance_campaign: false,
    create_time: tiktokTime(campaign.startDate),
    modify_time: tiktokTime(campaign.endDate ?? campaign.startDate),
  };
}

function adInfos(account: SandboxAccount, campaign: SandboxCampaign): Array<Record<string, unknown>> {
  return campaign.creatives.map((creative) => ({
    advertiser_id: account.id,
    campaign_id: campaign.id,
    campaign_name: campaign.name,
    adgroup_id: `17${campaign.id.slice(2)}`,
    ad_id: creative.id,
    ad_name: creative.name,
    ad_format: creative.format,
    ad_text: creative.headline,
    call_to_action: 'SHOP_NOW',
    landing_page_url: creative.landingPageUrl,
    display_name: account.name,
    profile_image_url: creative.imageUrl,
    video_id: creative.format === 'SINGLE_VIDEO' ? `v10044g50000${creative.id}` : null,
    image_ids: creative.format === 'SINGLE_IMAGE' ? [`ad-site-i18n-sg/${creative.id}`] : [],
    operation_status: campaign.status,
    secondary_status: campaign.status === 'ENABLE' ? 'AD_STATUS_DELIVERY_OK' : 'AD_STATUS_CAMPAIGN_DISABLE',
    create_time: tiktokTime(campaign.startDate),
    modify_time: tiktokTime(campaign.startDate),
  }));
}

const CAMPAIGN_FIELDS = [
  'advertiser_id',
  'campaign_id',
  'campaign_name',
  'campaign_type',
  'objective_type',
  'operation_status',
  'secondary_status',
  'budget',
  'budget_mode',
  'is_smart_performance_campaign',
  'create_time',
  'modify_time',
];

function advertisersOfToken(context: ApiContext): Reply {
  const q = context.request.query;
  for (const name of ['app_id', 'secret']) {
    if (!q.get(name)) return paramError(context.now, `${name}: Missing data for required field.`);
  }
  const list = context.login.accountIds
    .map((id) => findAccount('tiktok', id))
    .filter((a): a is SandboxAccount => a !== undefined)
    .map((a) => ({ advertiser_id: a.id, advertiser_name: a.name }));
  return ok(context.now, { list });
}

function advertiserInfoRoute(context: ApiContext): Reply {
  const ids = jsonArray(context, 'advertiser_ids', true);
  if (!ids.ok) return ids.reply;
  const wanted = ids.value ?? [];
  if (wanted.length === 0 || wanted.length > MAX_ADVERTISERS_PER_INFO) {
    return paramError(
      context.now,
      `advertiser_ids: Length must be between 1 and ${MAX_ADVERTISERS_PER_INFO}.`,
    );
  }
  const denied = wanted.find((id) => !context.login.accountIds.includes(id));
  if (denied) return notAuthorized(context.now, denied);
  const items = wanted
    .map((id) => findAccount('tiktok', id))
    .filter((a): a is SandboxAccount => a !== undefined)
    .map(advertiserInfo);
  const selected = selectFields(context, items, Object.keys(items[0] ?? {}));
  return selected.ok ? ok(context.now, { list: selected.value }) : selected.reply;
}

function listRoute(
  make: (account: SandboxAccount) => Array<Record<string, unknown>>,
  knownFields: readonly string[],
) {
  return (context: ApiContext): Reply => {
    const id = advertiserId(context);
    if (!id.ok) return id.reply;
    const page = paging(context);
    if (!page.ok) return page.reply;
    const account = findAccount('tiktok', id.value);
    const selected = selectFields(context, account ? make(account) : [], knownFields);
    if (!selected.ok) return selected.reply;
    return pageReply(context, selected.value, page.value.page, page.value.pageSize);
  };
}

const AD_FIELDS = [
  'advertiser_id',
  'campaign_id',
  'campaign_name',
  'adgroup_id',
  'ad_id',
  'ad_name',
  'ad_format',
  'ad_text',
  'call_to_action',
  'landing_page_url',
  'display_name',
  'profile_image_url',
  'video_id',
  'image_ids',
  'operation_status',
  'secondary_status',
  'create_time',
  'modify_time',
];

const accountOf = (context: { request: { query: URLSearchParams } }) =>
  context.request.query.get('advertiser_id') ?? undefined;

export const tiktokAccountRoutes: ApiRoute[] = [
  {
    method: 'GET',
    host: TIKTOK_HOST,
    path: new RegExp(`^${API}/oauth2/advertiser/get/$`),
    kind: 'api',
    handle: advertisersOfToken,
  },
  {
    method: 'GET',
    host: TIKTOK_HOST,
    path: new RegExp(`^${API}/advertiser/info/$`),
    kind: 'api',
    handle: advertiserInfoRoute,
  },
  {
    method: 'GET',
    host: TIKTOK_HOST,
    path: new RegExp(`^${API}/campaign/get/$`),
    kind: 'api',
    accountOf,
    handle: listRoute((a) => a.campaigns.map((c) => campaignInfo(a, c)), CAMPAIGN_FIELDS),
  },
  {
    method: 'GET',
    host: TIKTOK_HOST,
    path: new RegExp(`^${API}/ad/get/$`),
    kind: 'api',
    accountOf,
    handle: listRoute((a) => a.campaigns.flatMap((c) => adInfos(a, c)), AD_FIELDS),
  },
];
