import type { Archetype } from './archetypes';
import type { IsoDate } from './dates';
import type { AccountStatus, CampaignState } from './model';

/**
 * The brands behind the fixtures: the same six on every platform (each platform gives them its own
 * ids, statuses and objective names).
 */
export interface CampaignSpec {
  archetype: Archetype;
  label: string;
  startDate: IsoDate;
  state?: CampaignState;
  endDate?: IsoDate;
}

export interface BrandSpec {
  key: string;
  name: string;
  currency: string;
  timeZone: string;
  status: AccountStatus;
  closedOn?: IsoDate;
  campaigns: CampaignSpec[];
}

/** Units of each fixture currency per US dollar, so a JPY account spends yen-sized amounts. */
export const fxPerUsd: Record<string, number> = { USD: 1, EUR: 0.92, JPY: 150, GBP: 0.79, AUD: 1.52 };

export const brands: BrandSpec[] = [
  {
    key: 'acme-us',
    name: 'Acme Outdoor US',
    currency: 'USD',
    timeZone: 'America/New_York',
    status: 'active',
    campaigns: [
      { archetype: 'brand-search', label: 'Brand', startDate: '2025-01-06' },
      { archetype: 'prospecting', label: 'Prospecting - Hiking', startDate: '2025-03-03' },
      { archetype: 'retargeting', label: 'Retargeting - Cart', startDate: '2025-03-03' },
      { archetype: 'awareness-video', label: 'Awareness - Fall Launch', startDate: '2026-09-01' },
      {
        archetype: 'shopping',
        label: 'Shopping - Gear',
        startDate: '2025-05-12',
        state: 'paused',
        endDate: '2026-10-18',
      },
    ],
  },
  {
    key: 'acme-de',
    name: 'Acme Outdoor DE',
    currency: 'EUR',
    timeZone: 'Europe/Berlin',
    status: 'active',
    campaigns: [
      { archetype: 'brand-search', label: 'Marke', startDate: '2025-02-03' },
      { archetype: 'prospecting', label: 'Neukunden - Wandern', startDate: '2025-04-07' },
      { archetype: 'lead-gen', label: 'Händler-Leads', startDate: '2025-06-02' },
    ],
  },
  {
    key: 'sakura-jp',
    name: 'Sakura Foods JP',
    currency: 'JPY',
    timeZone: 'Asia/Tokyo',
    status: 'active',
    campaigns: [
      { archetype: 'prospecting', label: 'Prospecting - Bento', startDate: '2025-01-13' },
      { archetype: 'retargeting', label: 'Retargeting - Visitors', startDate: '2025-01-13' },
      { archetype: 'awareness-video', label: 'Awareness - Matcha', startDate: '2025-07-01' },
      { archetype: 'shopping', label: 'Shopping - Snacks', startDate: '2025-08-04' },
      { archetype: 'lead-gen', label: 'Wholesale Leads', startDate: '2025-09-01' },
      { archetype: 'brand-search', label: 'Brand JP', startDate: '2026-10-20' },
    ],
  },
  {
    key: 'koala-au',
    name: 'Koala Cafe AU',
    currency: 'AUD',
    timeZone: 'Australia/Sydney',
    status: 'active',
    campaigns: [
      { archetype: 'prospecting', label: 'Prospecting - Brunch', startDate: '2025-05-05' },
      { archetype: 'lead-gen', label: 'Catering Leads', startDate: '2025-05-05' },
    ],
  },
  {
    key: 'old-brand',
    name: 'Old Brand (closed)',
    currency: 'USD',
    timeZone: 'America/Los_Angeles',
    status: 'closed',
    closedOn: '2026-08-31',
    campaigns: [
      {
        archetype: 'prospecting',
        label: 'Prospecting',
        startDate: '2025-01-06',
        state: 'ended',
        endDate: '2026-08-31',
      },
      {
        archetype: 'brand-search',
        label: 'Brand',
        startDate: '2025-01-06',
        state: 'ended',
        endDate: '2026-08-31',
      },
    ],
  },
  {
    key: 'bens-bikes',
    name: "Ben's Bikes",
    currency: 'GBP',
    timeZone: 'Europe/London',
    status: 'active',
    campaigns: [
      { archetype: 'brand-search', label: 'Brand', startDate: '2025-04-01' },
      { archetype: 'retargeting', label: 'Retargeting', startDate: '2025-04-01' },
    ],
  },
];

/** The brands the agency login manages (Ben's Bikes is Ben's own). */
export const agencyBrands = ['acme-us', 'acme-de', 'sakura-jp', 'koala-au', 'old-brand'];
