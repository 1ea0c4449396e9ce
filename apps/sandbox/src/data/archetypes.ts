import type { CampaignProfile, CampaignState, SandboxProvider } from './model';

/** The kinds of campaign the fixtures are made of; each platform names its objective differently. */
export type Archetype =
  | 'brand-search'
  | 'prospecting'
  | 'retargeting'
  | 'awareness-video'
  | 'lead-gen'
  | 'shopping';

const WEEKDAY_B2C = [1.18, 0.94, 0.92, 0.95, 0.98, 1.04, 1.22] as const;
const WEEKDAY_B2B = [0.55, 1.12, 1.2, 1.18, 1.1, 0.95, 0.5] as const;
const WEEKDAY_FLAT = [1, 1, 1, 1, 1, 1, 1] as const;

export const archetypeProfiles: Record<Archetype, CampaignProfile> = {
  'brand-search': {
    dailySpend: 120,
    cpm: 48,
    clickThroughRate: 0.075,
    conversionRate: 0.085,
    averageOrderValue: 86,
    conversionKind: 'purchase',
    idleDayRate: 0.03,
    weekdayPattern: WEEKDAY_B2B,
    fractionalConversions: true,
  },
  prospecting: {
    dailySpend: 310,
    cpm: 9.5,
    clickThroughRate: 0.011,
    conversionRate: 0.021,
    averageOrderValue: 72,
    conversionKind: 'purchase',
    idleDayRate: 0.04,
    weekdayPattern: WEEKDAY_B2C,
    fractionalConversions: false,
  },
  retargeting: {
    dailySpend: 85,
    cpm: 14,
    clickThroughRate: 0.019,
    conversionRate: 0.048,
    averageOrderValue: 97,
    conversionKind: 'purchase',
    idleDayRate: 0.06,
    weekdayPattern: WEEKDAY_B2C,
    fractionalConversions: false,
  },
  'awareness-video': {
    dailySpend: 190,
    cpm: 6.2,
    clickThroughRate: 0.0035,
    conversionRate: 0,
    averageOrderValue: 0,
    conversionKind: 'none',
    idleDayRate: 0.08,
    weekdayPattern: WEEKDAY_FLAT,
    fractionalConversions: false,
  },
  'lead-gen': {
    dailySpend: 140,
    cpm: 31,
    clickThroughRate: 0.009,
    conversionRate: 0.075,
    averageOrderValue: 0,
    conversionKind: 'purchase-no-value',
    idleDayRate: 0.05,
    weekdayPattern: WEEKDAY_B2B,
    fractionalConversions: false,
  },
  shopping: {
    dailySpend: 240,
    cpm: 11.5,
    clickThroughRate: 0.021,
    conversionRate: 0.034,
    averageOrderValue: 61,
    conversionKind: 'purchase',
    idleDayRate: 0.03,
    weekdayPattern: WEEKDAY_B2C,
    fractionalConversions: false,
  },
};

/** Each platform's own objective / channel type for an archetype. */
export const archetypeObjectives: Record<SandboxProvider, Record<Archetype, string>> = {
  // Google has no "objective": `advertising_channel_type` stands in for it.
  google: {
    'brand-search': 'SEARCH',
    prospecting: 'DEMAND_GEN',
    retargeting: 'DISPLAY',
    'awareness-video': 'VIDEO',
    'lead-gen': 'SEARCH',
    shopping: 'PERFORMANCE_MAX',
  },
  facebook: {
    'brand-search': 'OUTCOME_TRAFFIC',
    prospecting: 'OUTCOME_SALES',
    retargeting: 'OUTCOME_SALES',
    'awareness-video': 'OUTCOME_AWARENESS',
    'lead-gen': 'OUTCOME_LEADS',
    shopping: 'OUTCOME_SALES',
  },
  linkedin: {
    'brand-search': 'WEBSITE_VISIT',
    prospecting: 'WEBSITE_CONVERSION',
    retargeting: 'WEBSITE_CONVERSION',
    'awareness-video': 'VIDEO_VIEW',
    'lead-gen': 'LEAD_GENERATION',
    shopping: 'WEBSITE_CONVERSION',
  },
  tiktok: {
    'brand-search': 'TRAFFIC',
    prospecting: 'WEB_CONVERSIONS',
    retargeting: 'WEB_CONVERSIONS',
    'awareness-video': 'REACH',
    'lead-gen': 'LEAD_GENERATION',
    shopping: 'PRODUCT_SALES',
  },
};

/** Each platform's campaign status value for a campaign state. */
export const campaignStatuses: Record<SandboxProvider, Record<CampaignState, string>> = {
  google: { active: 'ENABLED', paused: 'PAUSED', ended: 'ENABLED' },
  facebook: { active: 'ACTIVE', paused: 'PAUSED', ended: 'ACTIVE' },
  linkedin: { active: 'ACTIVE', paused: 'PAUSED', ended: 'COMPLETED' },
  tiktok: { active: 'ENABLE', paused: 'DISABLE', ended: 'ENABLE' },
};

/** Each platform's ad format names, by creative kind. */
export const creativeFormats: Record<SandboxProvider, Record<'text' | 'image' | 'video', string>> = {
  google: { text: 'RESPONSIVE_SEARCH_AD', image: 'RESPONSIVE_DISPLAY_AD', video: 'VIDEO_RESPONSIVE_AD' },
  facebook: { text: 'STATUS', image: 'PHOTO', video: 'VIDEO' },
  linkedin: { text: 'TEXT_AD', image: 'SPONSORED_STATUS_UPDATE', video: 'SPONSORED_VIDEO' },
  tiktok: { text: 'SINGLE_IMAGE', image: 'SINGLE_IMAGE', video: 'SINGLE_VIDEO' },
};

export function creativeKind(archetype: Archetype): 'text' | 'image' | 'video' {
  if (archetype === 'brand-search' || archetype === 'lead-gen') return 'text';
  if (archetype === 'awareness-video') return 'video';
  return 'image';
}
