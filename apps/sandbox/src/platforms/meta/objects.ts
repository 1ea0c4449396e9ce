import { type IsoDate, utcOffsetMinutes } from '../../data/dates';
import { findAccount, reachableAccounts } from '../../data/fixtures';
import type { SandboxAccount, SandboxCampaign, SandboxCreative } from '../../data/model';
import { minorUnitDigits } from '../../data/money';
import { jsonReply, type Reply } from '../../http/types';
import type { ApiContext, ApiRoute, RouteContext } from '../platform';
import { graphError, invalidParameter, objectMissing } from './errors';
import { type FieldSelection, graphPage, parseFields } from './graph-params';

export const GRAPH_VERSION = String.raw`\/(v\d+\.\d+)`;
/** Marketing API versions still served; older ones get Meta's deprecation error (#2635). */
const ADS_VERSIONS = new Set(['v24.0', 'v25.0', 'v26.0']);

type Renderer<T> = (item: T, context: RouteContext, sub: FieldSelection[] | null) => unknown;

/** Meta's time format: `2025-01-06T00:00:00-0500`, in the account's time zone. */
function metaTime(date: IsoDate, timeZone: string): string {
  const offset = utcOffsetMinutes(Date.parse(`${date}T12:00:00Z`), timeZone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${date}T00:00:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

const accountFields: Record<string, Renderer<SandboxAccount>> = {
  id: (a) => `act_${a.id}`,
  account_id: (a) => a.id,
  name: (a) => a.name,
  currency: (a) => a.currency,
  timezone_name: (a) => a.timeZone,
  timezone_offset_hours_utc: (a, c) => utcOffsetMinutes(c.now, a.timeZone) / 60,
  account_status: (a) => a.platformStatus,
  disable_reason: (a) => (a.status === 'active' ? 0 : 1),
  business: () => ({ id: '102000000000001', name: 'Northwind Agency' }),
  amount_spent: () => '0',
  created_time: (a) => metaTime(a.campaigns.map((c) => c.startDate).sort()[0] ?? '2025-01-01', a.timeZone),
};

const adIdOf = (creative: SandboxCreative) => `12023${creative.id.slice(5)}`;
const adSetIdOf = (campaign: SandboxCampaign) => `12024${campaign.id.slice(5)}`;

interface CampaignItem {
  account: SandboxAccount;
  campaign: SandboxCampaign;
}
interface CreativeItem extends CampaignItem {
  creative: SandboxCreative;
}

const effectiveStatus = (campaign: SandboxCampaign) =>
  campaign.state === 'active' ? 'ACTIVE' : campaign.state === 'paused' ? 'PAUSED' : 'ACTIVE';

const campaignFields: Record<string, Renderer<CampaignItem>> = {
  id: ({ campaign }) => campaign.id,
  name: ({ campaign }) => campaign.name,
  objective: ({ campaign }) => campaign.objective,
  status: ({ campaign }) => campaign.status,
  configured_status: ({ campaign }) => campaign.status,
  effective_status: ({ campaign }) => effectiveStatus(campaign),
  account_id: ({ account }) => account.id,
  buying_type: () => 'AUCTION',
  created_time: ({ account, campaign }) => metaTime(campaign.startDate, account.timeZone),
  start_time: ({ account, campaign }) => metaTime(campaign.startDate, account.timeZone),
  stop_time: ({ account, campaign }) =>
    campaign.endDate ? metaTime(campaign.endDate, account.timeZone) : undefined,
  daily_budget: ({ account, campaign }) =>
    String(Math.round(campaign.profile.dailySpend * 1.2 * 10 ** minorUnitDigits(account.currency))),
};

const creativeFields: Record<string, Renderer<CreativeItem>> = {
  id: ({ creative }) => creative.id,
  name: ({ creative }) => creative.name,
  title: ({ creative }) => creative.headline,
  body: ({ creative, account }) => `${creative.headline} - shop ${account.name} today.`,
  object_type: ({ creative }) => creative.format,
  image_url: ({ creative }) => (creative.format === 'VIDEO' ? undefined : creative.imageUrl),
  thumbnail_url: ({ creative }) => `${creative.imageUrl}?thumbnail=64`,
  call_to_action_type: () => 'SHOP_NOW',
  link_url: ({ creative }) => creative.landingPageUrl,
  status: () => 'ACTIVE',
  account_id: ({ account }) => account.id,
};

const adFields: Record<string, Renderer<CreativeItem>> = {
  id: ({ creative }) => adIdOf(creative),
  name: ({ creative }) => creative.name,
  campaign_id: ({ campaign }) => campaign.id,
  adset_id: ({ campaign }) => adSetIdOf(campaign),
  account_id: ({ account }) => account.id,
  status: ({ campaign }) => campaign.status,
  effective_status: ({ campaign }) => effectiveStatus(campaign),
  created_time: ({ account, campaign }) => metaTime(campaign.startDate, account.timeZone),
  creative: (item, context, sub) =>
    render(item, creativeFields, sub ?? [{ name: 'id', fields: null }], context, 'AdCreative'),
};

class UnknownField extends Error {
  constructor(
    readonly field: string,
    readonly nodeType: string,
  ) {
    super(field);
  }
}

function render<T>(
  item: T,
  fields: Record<string, Renderer<T>>,
  selection: FieldSelection[],
  context: RouteContext,
  nodeType: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { name, fields: sub } of selection) {
    const renderer = fields[name];
    if (!renderer) throw new UnknownField(name, nodeType);
    const value = renderer(item, context, sub);
    if (value !== undefined) out[name] = value;
  }
  // Graph always answers with the node's id.
  if (out.id === undefined && fields.id) out.id = fields.id(item, context, null);
  return out;
}

/** Renders the items with the request's `fields` (or the node's defaults) and pages them. */
function renderPage<T>(
  context: RouteContext,
  items: readonly T[],
  fields: Record<string, Renderer<T>>,
  defaults: string[],
  nodeType: string,
  headers: Record<string, string> = {},
): Reply {
  const requested = context.request.query.get('fields');
  const selection = requested ? parseFields(requested) : defaults.map((name) => ({ name, fields: null }));
  if (!selection) return invalidParameter(`Syntax error in fields: ${requested}`);
  try {
    const rows = items.map((item) => render(item, fields, selection, context, nodeType));
    const page = graphPage(context, rows);
    return page.ok ? jsonReply(200, page.body, headers) : invalidParameter(page.message);
  } catch (error) {
    if (!(error instanceof UnknownField)) throw error;
    return invalidParameter(
      `Tried accessing nonexisting field (${error.field}) on node type (${error.nodeType})`,
    );
  }
}

/** The ad account of an `act_{id}` path, if the login reaches it. */
export function accountFor(context: ApiContext): SandboxAccount | Reply {
  const id = context.params[1] ?? '';
  const account = findAccount('facebook', id);
  if (!account || !context.login.accountIds.includes(id)) return objectMissing(`act_${id}`);
  return account;
}

/** Marketing API endpoints refuse versions Meta has retired. */
export function adsVersionCheck(context: ApiContext): Reply | undefined {
  const version = context.params[0];
  if (version && !ADS_VERSIONS.has(version)) {
    return graphError(400, {
      message: `(#2635) You are calling a deprecated version of the Ads API. Please update to the latest version: v25.0.`,
      code: 2635,
    });
  }
  return undefined;
}

export const isReply = (value: SandboxAccount | Reply): value is Reply => !('provider' in value);

function accountEdge<T>(
  edge: string,
  items: (account: SandboxAccount) => T[],
  fields: Record<string, Renderer<T>>,
  nodeType: string,
): ApiRoute {
  return {
    method: 'GET',
    host: 'graph.facebook.com',
    path: new RegExp(`^${GRAPH_VERSION}\\/act_(\\d+)${edge ? `\\/${edge}` : ''}$`),
    kind: 'api',
    accountOf: (context) => context.params[1],
    handle(context) {
      const refused = adsVersionCheck(context);
      if (refused) return refused;
      const account = accountFor(context);
      if (isReply(account)) return account;
      return renderPage(context, items(account), fields, ['id'], nodeType);
    },
  };
}

const campaignItems = (account: SandboxAccount): CampaignItem[] =>
  account.campaigns.map((campaign) => ({ account, campaign }));
const creativeItems = (account: SandboxAccount): CreativeItem[] =>
  account.campaigns.flatMap((campaign) =>
    campaign.creatives.map((creative) => ({ account, campaign, creative })),
  );

export const metaObjectRoutes: ApiRoute[] = [
  {
    method: 'GET',
    host: 'graph.facebook.com',
    path: new RegExp(`^(?:${GRAPH_VERSION})?\\/me$`),
    kind: 'api',
    handle: (context) => jsonReply(200, { id: context.login.platformUserId, name: context.login.name }),
  },
  {
    method: 'GET',
    host: 'graph.facebook.com',
    path: new RegExp(`^(?:${GRAPH_VERSION})?\\/me\\/adaccounts$`),
    kind: 'api',
    handle: (context) =>
      renderPage(
        context,
        reachableAccounts('facebook', context.login.id),
        accountFields,
        ['account_id', 'id'],
        'AdAccount',
      ),
  },
  {
    method: 'GET',
    host: 'graph.facebook.com',
    path: new RegExp(`^${GRAPH_VERSION}\\/act_(\\d+)$`),
    kind: 'api',
    accountOf: (context) => context.params[1],
    handle(context) {
      const account = accountFor(context);
      if (isReply(account)) return account;
      const requested = context.request.query.get('fields');
      const selection = requested ? parseFields(requested) : [{ name: 'id', fields: null }];
      if (!selection) return invalidParameter(`Syntax error in fields: ${requested}`);
      try {
        return jsonReply(200, render(account, accountFields, selection, context, 'AdAccount'));
      } catch (error) {
        if (!(error instanceof UnknownField)) throw error;
        return invalidParameter(
          `Tried accessing nonexisting field (${error.field}) on node type (AdAccount)`,
        );
      }
    },
  },
  accountEdge('campaigns', campaignItems, campaignFields, 'Campaign'),
  accountEdge('ads', creativeItems, adFields, 'Ad'),
  accountEdge('adcreatives', creativeItems, creativeFields, 'AdCreative'),
];
