import { findAccount, reachableAccounts } from '../../data/fixtures';
import type { SandboxAccount, SandboxCampaign } from '../../data/model';
import { header, jsonReply, type Reply } from '../../http/types';
import type { ApiContext, ApiRoute, RouteContext } from '../platform';
import { accessDenied, illegalArgument, linkedInError } from './errors';
import { isMap, parseRestliQuery, RestliSyntaxError, type RestliValue } from './restli';

const HOST = 'api.linkedin.com';
/** LinkedIn keeps a version about a year. */
const SUPPORTED_MONTHS = 12;

export const accountUrn = (id: string) => `urn:li:sponsoredAccount:${id}`;
export const campaignUrn = (id: string) => `urn:li:sponsoredCampaign:${id}`;

function monthIndex(yyyymm: string): number {
  return Number(yyyymm.slice(0, 4)) * 12 + Number(yyyymm.slice(4, 6)) - 1;
}

/** `LinkedIn-Version` (YYYYMM, active within the last year) and Rest.li 2.0, on every /rest call. */
export function linkedInPrecheck(context: ApiContext): Reply | undefined {
  const version = header(context.request, 'linkedin-version');
  if (!version) {
    return linkedInError(
      400,
      'A version must be present. Please specify a version by adding the LinkedIn-Version header.',
      {
        code: 'VERSION_MISSING',
      },
    );
  }
  const match = /^(\d{6})(\.\d{2})?$/.exec(version);
  const now = new Date(context.now);
  const current = now.getUTCFullYear() * 12 + now.getUTCMonth();
  const requested = match ? monthIndex(match[1] ?? '') : Number.NaN;
  if (!match || Number.isNaN(requested) || requested > current || current - requested >= SUPPORTED_MONTHS) {
    return linkedInError(426, `Requested version ${version} is not active`, { code: 'NONEXISTENT_VERSION' });
  }
  if (header(context.request, 'x-restli-protocol-version') !== '2.0.0') {
    return illegalArgument(
      'This API requires Rest.li protocol 2.0.0: send the header X-Restli-Protocol-Version: 2.0.0',
    );
  }
  return undefined;
}

/** The query's parameters in Rest.li syntax, or the 400 LinkedIn gives for bad syntax. */
export function restliParams(context: RouteContext): Map<string, RestliValue> | Reply {
  try {
    return parseRestliQuery(context.request.rawQuery);
  } catch (error) {
    if (error instanceof RestliSyntaxError) return illegalArgument(`Invalid Rest.li query: ${error.message}`);
    throw error;
  }
}

export const isReply = (value: Map<string, RestliValue> | SandboxAccount | Reply): value is Reply =>
  !(value instanceof Map) && !('provider' in value);

/** `pageSize` + `pageToken` paging with `metadata.nextPageToken`. */
function pagedElements(params: Map<string, RestliValue>, elements: unknown[]): Reply {
  const rawSize = params.get('pageSize');
  const pageSize = rawSize === undefined ? 100 : Number(rawSize);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000)
    return illegalArgument('pageSize must be an integer from 1 to 1000');
  const token = params.get('pageToken');
  let offset = 0;
  if (token !== undefined) {
    const decoded =
      typeof token === 'string'
        ? /^sandbox-(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'))
        : null;
    if (!decoded) return illegalArgument('Invalid pageToken');
    offset = Number(decoded[1]);
  }
  const page = elements.slice(offset, offset + pageSize);
  const next =
    offset + pageSize < elements.length
      ? Buffer.from(`sandbox-${offset + pageSize}`).toString('base64url')
      : undefined;
  return jsonReply(
    200,
    {
      paging: { start: offset, count: pageSize, links: [], total: elements.length },
      elements: page,
      metadata: next ? { nextPageToken: next } : {},
    },
    { 'x-restli-protocol-version': '2.0.0' },
  );
}

/** Values of `search=(field:(values:List(...)))`, or undefined when the field is not filtered. */
function searchValues(params: Map<string, RestliValue>, field: string): string[] | undefined {
  const search = params.get('search');
  if (!isMap(search)) return undefined;
  const criterion = search[field];
  if (!isMap(criterion) || !Array.isArray(criterion.values)) return undefined;
  return criterion.values.filter((v): v is string => typeof v === 'string');
}

const ms = (date: string) => Date.parse(`${date}T00:00:00Z`);

function accountElement(account: SandboxAccount) {
  return {
    id: Number(account.id),
    name: account.name,
    currency: account.currency,
    status: account.platformStatus,
    type: 'BUSINESS',
    test: false,
    reference: `urn:li:organization:${Number(account.id) - 507000000}`,
    notifiedOnCampaignOptimization: true,
    notifiedOnCreativeApproval: true,
    notifiedOnCreativeRejection: true,
    notifiedOnEndOfCampaign: true,
    servingStatuses: [account.status === 'active' ? 'RUNNABLE' : 'STOPPED'],
    version: { versionTag: '4' },
  };
}

function campaignElement(account: SandboxAccount, campaign: SandboxCampaign) {
  const textAds = campaign.creatives.some((c) => c.format === 'TEXT_AD');
  return {
    id: Number(campaign.id),
    name: campaign.name,
    account: accountUrn(account.id),
    campaignGroup: `urn:li:sponsoredCampaignGroup:${Number(account.id) + 100000000}`,
    objectiveType: campaign.objective,
    status: campaign.status,
    type: textAds ? 'TEXT_AD' : 'SPONSORED_UPDATES',
    costType: 'CPM',
    dailyBudget: {
      amount: String(Math.round(campaign.profile.dailySpend * 1.2)),
      currencyCode: account.currency,
    },
    runSchedule: {
      start: ms(campaign.startDate),
      ...(campaign.endDate && { end: ms(campaign.endDate) + 86_399_999 }),
    },
    locale: { country: 'US', language: 'en' },
    creativeSelection: 'OPTIMIZED',
    offsiteDeliveryEnabled: false,
    test: false,
    changeAuditStamps: {
      created: { time: ms(campaign.startDate) },
      lastModified: { time: ms(campaign.startDate) },
    },
  };
}

function creativeElements(account: SandboxAccount, campaign: SandboxCampaign) {
  return campaign.creatives.map((creative) => ({
    id: `urn:li:sponsoredCreative:${creative.id}`,
    name: creative.name,
    campaign: campaignUrn(campaign.id),
    account: accountUrn(account.id),
    intendedStatus: campaign.state === 'paused' ? 'PAUSED' : 'ACTIVE',
    isServing: campaign.state === 'active',
    content:
      creative.format === 'TEXT_AD'
        ? {
            textAd: {
              headline: creative.headline,
              text: `Shop ${account.name} today.`,
              landingPage: creative.landingPageUrl,
            },
          }
        : { reference: `urn:li:share:7${creative.id}00` },
    createdAt: ms(campaign.startDate),
    lastModifiedAt: ms(campaign.startDate),
  }));
}

/** The account in the path, if the member has a role on it. */
function accountInPath(context: ApiContext, what: string): SandboxAccount | Reply {
  const id = context.params[0] ?? '';
  const account = findAccount('linkedin', id);
  if (!account || !context.login.accountIds.includes(id)) return accessDenied(what);
  return account;
}

function finder(context: ApiContext, expected: string): Map<string, RestliValue> | Reply {
  const params = restliParams(context);
  if (isReply(params)) return params;
  if (params.get('q') !== expected) return illegalArgument(`This resource needs the finder q=${expected}`);
  return params;
}

export const linkedInRestRoutes: ApiRoute[] = [
  {
    method: 'GET',
    host: HOST,
    path: /^\/rest\/adAccounts$/,
    kind: 'api',
    handle(context) {
      const params = finder(context, 'search');
      if (isReply(params)) return params;
      const statuses = searchValues(params, 'status');
      const ids = searchValues(params, 'id');
      const accounts = reachableAccounts('linkedin', context.login.id).filter(
        (a) =>
          (statuses === undefined || statuses.includes(String(a.platformStatus))) &&
          (ids === undefined || ids.includes(accountUrn(a.id)) || ids.includes(a.id)),
      );
      return pagedElements(params, accounts.map(accountElement));
    },
  },
  {
    method: 'GET',
    host: HOST,
    path: /^\/rest\/adAccounts\/(\d+)$/,
    kind: 'api',
    accountOf: (context) => context.params[0],
    handle(context) {
      const account = accountInPath(context, `adAccounts/${context.params[0]}`);
      return isReply(account) ? account : jsonReply(200, accountElement(account));
    },
  },
  {
    method: 'GET',
    host: HOST,
    path: /^\/rest\/adAccounts\/(\d+)\/adCampaigns$/,
    kind: 'api',
    accountOf: (context) => context.params[0],
    handle(context) {
      const account = accountInPath(context, 'partnerApiAdCampaigns.FINDER-search');
      if (isReply(account)) return account;
      const params = finder(context, 'search');
      if (isReply(params)) return params;
      const statuses = searchValues(params, 'status');
      const campaigns = account.campaigns.filter(
        (c) => statuses === undefined || statuses.includes(c.status),
      );
      return pagedElements(
        params,
        campaigns.map((c) => campaignElement(account, c)),
      );
    },
  },
  {
    method: 'GET',
    host: HOST,
    path: /^\/rest\/adAccounts\/(\d+)\/creatives$/,
    kind: 'api',
    accountOf: (context) => context.params[0],
    handle(context) {
      const account = accountInPath(context, 'partnerApiCreatives.FINDER-criteria');
      if (isReply(account)) return account;
      const params = finder(context, 'criteria');
      if (isReply(params)) return params;
      const only = params.get('campaigns');
      const wanted = Array.isArray(only) ? only.filter((v): v is string => typeof v === 'string') : undefined;
      const campaigns = account.campaigns.filter(
        (c) => wanted === undefined || wanted.includes(campaignUrn(c.id)),
      );
      return pagedElements(
        params,
        campaigns.flatMap((c) => creativeElements(account, c)),
      );
    },
  },
];
