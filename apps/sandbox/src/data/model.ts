import type { IsoDate } from './dates';

/** The four platforms, by the `providerId` the product uses. */
export const sandboxProviders = ['google', 'facebook', 'linkedin', 'tiktok'] as const;
export type SandboxProvider = (typeof sandboxProviders)[number];

/**
 * What a campaign's conversions look like on the wire: purchases with a value, purchases whose value
 * is not tracked (revenue must come out null; Google reports 0), or no conversion tracking at all.
 */
export type ConversionKind = 'purchase' | 'purchase-no-value' | 'none';

/** The shape of a campaign's delivery, in USD-equivalent units (scaled by the account's currency). */
export interface CampaignProfile {
  dailySpend: number;
  /** Cost per 1,000 impressions. */
  cpm: number;
  clickThroughRate: number;
  conversionRate: number;
  averageOrderValue: number;
  conversionKind: ConversionKind;
  /** Share of days without delivery (no row at all on those days). */
  idleDayRate: number;
  /** Spend multipliers, Sunday first. */
  weekdayPattern: readonly [number, number, number, number, number, number, number];
  /** Google's data-driven attribution splits conversions (`4.37`); other platforms count whole ones. */
  fractionalConversions: boolean;
}

export type CampaignState = 'active' | 'paused' | 'ended';

export interface SandboxCreative {
  id: string;
  name: string;
  /** The platform's own format / type name (`RESPONSIVE_SEARCH_AD`, `SINGLE_VIDEO`, ...). */
  format: string;
  headline: string;
  landingPageUrl: string;
  imageUrl: string;
}

export interface SandboxCampaign {
  id: string;
  name: string;
  /** The platform's objective or channel type (`SEARCH`, `OUTCOME_SALES`, `WEBSITE_CONVERSION`, ...). */
  objective: string;
  state: CampaignState;
  /** The platform's own status value for `state`. */
  status: string;
  startDate: IsoDate;
  /** Last day with delivery (paused or ended campaigns). */
  endDate: IsoDate | null;
  profile: CampaignProfile;
  creatives: SandboxCreative[];
}

export type AccountStatus = 'active' | 'disabled' | 'closed';

export interface SandboxAccount {
  provider: SandboxProvider;
  id: string;
  name: string;
  currency: string;
  /** Where the account's dates are. LinkedIn reports in UTC whatever the advertiser's location. */
  timeZone: string;
  status: AccountStatus;
  /** The platform's status value (`ENABLED`, `2`, `CANCELED`, `STATUS_DISABLE`, ...). */
  platformStatus: string | number;
  /** Google manager (MCC) accounts hold no metrics of their own. */
  isManager: boolean;
  /** Google: the manager directly above this account. */
  parentId: string | null;
  /** No delivery after this date. */
  closedOn: IsoDate | null;
  campaigns: SandboxCampaign[];
}

/** A person who can sign in on the sandbox's consent page. */
export interface SandboxLogin {
  provider: SandboxProvider;
  /** What the consent page's `<select name="login">` submits. */
  id: string;
  email: string;
  name: string;
  /** The platform's id for the user (Meta user id, LinkedIn person URN, ...). */
  platformUserId: string;
  /** Accounts the login reaches directly (Google: reaches the rest through managers). */
  accountIds: string[];
}

export interface PlatformFixtures {
  provider: SandboxProvider;
  logins: SandboxLogin[];
  accounts: SandboxAccount[];
}
