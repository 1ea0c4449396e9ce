import {
  archetypeObjectives,
  archetypeProfiles,
  campaignStatuses,
  creativeFormats,
  creativeKind,
} from './archetypes';
import { agencyBrands, type BrandSpec, brands, type CampaignSpec } from './brands';
import type {
  AccountStatus,
  PlatformFixtures,
  SandboxAccount,
  SandboxCampaign,
  SandboxCreative,
  SandboxLogin,
  SandboxProvider,
} from './model';

/**
 * The sandbox's world: the same three people and six brands on every platform, each platform with
 * its own ids, statuses and objective names. Everything here is static, so tests can name it.
 */

interface PlatformIds {
  account(brandIndex: number): string;
  campaign(brandIndex: number, campaignIndex: number): string;
  creative(brandIndex: number, campaignIndex: number, creativeIndex: number): string;
  accountStatus: Record<AccountStatus, string | number>;
  /** LinkedIn's daily buckets are UTC whatever the advertiser's location. */
  timeZone(brand: BrandSpec): string;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

const platformIds: Record<SandboxProvider, PlatformIds> = {
  google: {
    account: (b) =>
      ['1112223334', '2223334445', '3334445556', '6667778889', '5556667778', '7778889990'][b] ?? '',
    campaign: (b, c) => `2${pad(b + 1, 2)}${pad(c + 1, 2)}000${pad((b * 7 + c * 13) % 1000, 3)}`,
    creative: (b, c, k) =>
      `7${pad(b + 1, 2)}${pad(c + 1, 2)}${pad(k + 1, 2)}00${pad((b * 31 + c * 7 + k) % 1000, 3)}`,
    accountStatus: { active: 'ENABLED', disabled: 'SUSPENDED', closed: 'CANCELED' },
    timeZone: (brand) => brand.timeZone,
  },
  facebook: {
    account: (b) => `10100000000000${pad(b + 1, 2)}`,
    campaign: (b, c) => `1202100${pad(b + 1, 2)}${pad(c + 1, 2)}0000${pad(b * 11 + c, 3)}`,
    creative: (b, c, k) => `1202200${pad(b + 1, 2)}${pad(c + 1, 2)}${pad(k + 1, 2)}00${pad(b * 11 + c, 3)}`,
    accountStatus: { active: 1, disabled: 2, closed: 101 },
    timeZone: (brand) => brand.timeZone,
  },
  linkedin: {
    account: (b) => `5080000${pad(b + 1, 2)}`,
    campaign: (b, c) => `6120${pad(b + 1, 2)}${pad(c + 1, 3)}`,
    creative: (b, c, k) => `8${pad(b + 1, 2)}${pad(c + 1, 2)}${pad(k + 1, 2)}${pad(b + c + k, 2)}`,
    accountStatus: { active: 'ACTIVE', disabled: 'PENDING_DELETION', closed: 'CANCELED' },
    timeZone: () => 'UTC',
  },
  tiktok: {
    account: (b) => `71000000000000000${pad(b + 1, 2)}`,
    campaign: (b, c) => `18000${pad(b + 1, 2)}${pad(c + 1, 2)}0000${pad(b * 13 + c, 3)}`,
    creative: (b, c, k) => `18100${pad(b + 1, 2)}${pad(c + 1, 2)}${pad(k + 1, 2)}00${pad(b * 13 + c, 3)}`,
    accountStatus: { active: 'STATUS_ENABLE', disabled: 'STATUS_LIMIT', closed: 'STATUS_DISABLE' },
    timeZone: (brand) => brand.timeZone,
  },
};

function creativesFor(
  provider: SandboxProvider,
  brand: BrandSpec,
  spec: CampaignSpec,
  ids: { brandIndex: number; campaignIndex: number },
): SandboxCreative[] {
  // Performance Max has no ads at the ad-group level (its assets live in asset groups).
  if (provider === 'google' && spec.archetype === 'shopping') return [];
  const kind = creativeKind(spec.archetype);
  const count = spec.archetype === 'prospecting' ? 3 : 2;
  const slug = brand.key;
  return Array.from({ length: count }, (_, k) => ({
    id: platformIds[provider].creative(ids.brandIndex, ids.campaignIndex, k),
    name: `${spec.label} - ${kind === 'video' ? 'Video' : kind === 'text' ? 'Text' : 'Image'} ${String.fromCharCode(65 + k)}`,
    format: creativeFormats[provider][kind],
    headline: `${brand.name}: ${spec.label}`,
    landingPageUrl: `https://${slug}.example/${spec.archetype}?v=${k + 1}`,
    imageUrl: `https://cdn.sandbox.example/${provider}/${slug}/${spec.archetype}-${k + 1}.jpg`,
  }));
}

function accountFor(provider: SandboxProvider, brand: BrandSpec, brandIndex: number): SandboxAccount {
  const ids = platformIds[provider];
  const campaigns: SandboxCampaign[] = brand.campaigns.map((spec, campaignIndex) => {
    const state = spec.state ?? 'active';
    return {
      id: ids.campaign(brandIndex, campaignIndex),
      name: `${brand.name} | ${spec.label}`,
      objective: archetypeObjectives[provider][spec.archetype],
      state,
      status: campaignStatuses[provider][state],
      startDate: spec.startDate,
      endDate: spec.endDate ?? null,
      profile: archetypeProfiles[spec.archetype],
      creatives: creativesFor(provider, brand, spec, { brandIndex, campaignIndex }),
    };
  });
  return {
    provider,
    id: ids.account(brandIndex),
    name: brand.name,
    currency: brand.currency,
    timeZone: ids.timeZone(brand),
    status: brand.status,
    platformStatus: ids.accountStatus[brand.status],
    isManager: false,
    parentId: null,
    closedOn: brand.closedOn ?? null,
    campaigns,
  };
}

function brandIndex(key: string): number {
  return brands.findIndex((brand) => brand.key === key);
}

function brandAccounts(provider: SandboxProvider): SandboxAccount[] {
  return brands.map((brand, index) => accountFor(provider, brand, index));
}

const people = {
  ada: { email: 'ada@northwind-agency.example', name: 'Ada Northwind' },
  ben: { email: 'ben@bens-bikes.example', name: 'Ben Bikes' },
  nora: { email: 'nora@no-accounts.example', name: 'Nora (no ad accounts)' },
} as const;

const platformUserIds: Record<SandboxProvider, Record<keyof typeof people, string>> = {
  google: { ada: '108000000000000000001', ben: '108000000000000000002', nora: '108000000000000000003' },
  facebook: { ada: '10158000000000001', ben: '10158000000000002', nora: '10158000000000003' },
  linkedin: { ada: 'urn:li:person:AdaNw0rth', ben: 'urn:li:person:B3nBikes', nora: 'urn:li:person:N0raNone' },
  tiktok: { ada: '7300000000000000001', ben: '7300000000000000002', nora: '7300000000000000003' },
};

function loginsFor(
  provider: SandboxProvider,
  accounts: Record<keyof typeof people, string[]>,
): SandboxLogin[] {
  return (Object.keys(people) as Array<keyof typeof people>).map((key) => ({
    provider,
    id: people[key].email,
    email: people[key].email,
    name: people[key].name,
    platformUserId: platformUserIds[provider][key],
    accountIds: accounts[key],
  }));
}

/** Google: the agency reaches its clients through a manager (MCC) with a sub-manager for EMEA. */
function googleFixtures(): PlatformFixtures {
  const accounts = brandAccounts('google');
  const manager: SandboxAccount = {
    provider: 'google',
    id: '4455667788',
    name: 'Northwind Agency (MCC)',
    currency: 'USD',
    timeZone: 'America/New_York',
    status: 'active',
    platformStatus: 'ENABLED',
    isManager: true,
    parentId: null,
    closedOn: null,
    campaigns: [],
  };
  const emea: SandboxAccount = {
    ...manager,
    id: '4455667799',
    name: 'Northwind EMEA',
    currency: 'EUR',
    timeZone: 'Europe/Berlin',
    parentId: manager.id,
  };
  for (const account of accounts) {
    if (account.name === "Ben's Bikes") continue;
    account.parentId = account.currency === 'EUR' ? emea.id : manager.id;
  }
  const ben = accounts[brandIndex('bens-bikes')]?.id ?? '';
  return {
    provider: 'google',
    logins: loginsFor('google', { ada: [manager.id], ben: [ben], nora: [] }),
    accounts: [manager, emea, ...accounts],
  };
}

function flatFixtures(provider: Exclude<SandboxProvider, 'google'>): PlatformFixtures {
  const accounts = brandAccounts(provider);
  const idOf = (key: string) => accounts[brandIndex(key)]?.id ?? '';
  return {
    provider,
    logins: loginsFor(provider, { ada: agencyBrands.map(idOf), ben: [idOf('bens-bikes')], nora: [] }),
    accounts,
  };
}

/** Every platform's logins, accounts, campaigns and creatives. */
export const fixtures: Record<SandboxProvider, PlatformFixtures> = {
  google: googleFixtures(),
  facebook: flatFixtures('facebook'),
  linkedin: flatFixtures('linkedin'),
  tiktok: flatFixtures('tiktok'),
};

export function findAccount(provider: SandboxProvider, accountId: string): SandboxAccount | undefined {
  return fixtures[provider].accounts.find((account) => account.id === accountId);
}

export function findLogin(provider: SandboxProvider, loginId: string): SandboxLogin | undefined {
  return fixtures[provider].logins.find((login) => login.id === loginId);
}

/** Google: the account and every account below it (a manager's whole tree, depth first). */
export function accountTree(
  provider: SandboxProvider,
  rootId: string,
): Array<{ account: SandboxAccount; level: number }> {
  const out: Array<{ account: SandboxAccount; level: number }> = [];
  const visit = (id: string, level: number) => {
    const account = findAccount(provider, id);
    if (!account) return;
    out.push({ account, level });
    for (const child of fixtures[provider].accounts) if (child.parentId === id) visit(child.id, level + 1);
  };
  visit(rootId, 0);
  return out;
}

/** Accounts a login can reach: directly, or (Google) below a manager it reaches. */
export function reachableAccounts(provider: SandboxProvider, loginId: string): SandboxAccount[] {
  const login = findLogin(provider, loginId);
  if (!login) return [];
  const seen = new Map<string, SandboxAccount>();
  for (const id of login.accountIds)
    for (const { account } of accountTree(provider, id)) seen.set(account.id, account);
  return [...seen.values()];
}
