import { daysInRange, type IsoDate } from './dates';
import { findAccount } from './fixtures';
import { type CampaignDay, campaignDay, type DataContext } from './generator';
import type { SandboxCampaign, SandboxProvider } from './model';
import { formatMicros, type Micros } from './money';

/**
 * What a correct connector reads from the sandbox with the default conversion mapping (Google
 * `metrics.conversions`/`conversions_value`, Meta `omni_purchase`, LinkedIn `externalWebsiteConversions`/
 * `conversionValueInLocalCurrency`, TikTok `complete_payment`/`total_complete_payment_rate`).
 * Revenue follows each platform's wire format: Google omits a zero value (read as 0, never null);
 * Meta sends no purchase entry on a day without purchases (null); a campaign that tracks no value
 * is null everywhere else.
 */
export function reportedRevenue(provider: SandboxProvider, day: CampaignDay): Micros | null {
  if (provider === 'google') return day.revenueMicros ?? 0n;
  if (provider === 'facebook' && day.conversionsCenti === 0) return null;
  return day.revenueMicros;
}

export interface ExpectedCampaignDay {
  campaign: SandboxCampaign;
  day: CampaignDay;
  revenueMicros: Micros | null;
}

export interface ExpectedInput {
  provider: SandboxProvider;
  accountId: string;
  start: IsoDate;
  end: IsoDate;
  /** The sandbox clock's now and its restatements (`SandboxState.dataContext()`). */
  context: DataContext;
}

/** Every campaign-day row the platform reports for the account in the window. */
export function expectedCampaignDays(input: ExpectedInput): ExpectedCampaignDay[] {
  const account = findAccount(input.provider, input.accountId);
  if (!account) throw new RangeError(`no ${input.provider} sandbox account ${input.accountId}`);
  const { context } = input;
  const rows: ExpectedCampaignDay[] = [];
  for (const date of daysInRange(input.start, input.end)) {
    for (const campaign of account.campaigns) {
      const day = campaignDay(account, campaign, date, context);
      if (day) rows.push({ campaign, day, revenueMicros: reportedRevenue(input.provider, day) });
    }
  }
  return rows;
}

/** One account-local date's totals over every campaign with a row that day. */
export interface ExpectedDay {
  date: IsoDate;
  currency: string;
  timeZone: string;
  /** Campaign rows that day. */
  campaigns: number;
  /** Decimal string in major units (`"1234.5"`), exact. */
  spend: string;
  spendMicros: string;
  impressions: number;
  clicks: number;
  conversions: number;
  /** Null when no campaign reported a conversion value that day. */
  revenue: string | null;
  revenueMicros: string | null;
}

/** Per-date totals, exactly as a correct sync of the account must store them. Dates without rows are left out. */
export function expectedDailyTotals(input: ExpectedInput): ExpectedDay[] {
  const account = findAccount(input.provider, input.accountId);
  if (!account) throw new RangeError(`no ${input.provider} sandbox account ${input.accountId}`);
  const byDate = new Map<IsoDate, ExpectedCampaignDay[]>();
  for (const row of expectedCampaignDays(input)) {
    const list = byDate.get(row.day.date) ?? [];
    list.push(row);
    byDate.set(row.day.date, list);
  }
  return [...byDate.entries()].map(([date, rows]) => {
    let spend = 0n;
    let revenue: Micros | null = null;
    let impressions = 0;
    let clicks = 0;
    let conversionsCenti = 0;
    for (const { day, revenueMicros } of rows) {
      spend += day.spendMicros;
      impressions += day.impressions;
      clicks += day.clicks;
      conversionsCenti += day.conversionsCenti;
      if (revenueMicros !== null) revenue = (revenue ?? 0n) + revenueMicros;
    }
    return {
      date,
      currency: account.currency,
      timeZone: account.timeZone,
      campaigns: rows.length,
      spend: formatMicros(spend),
      spendMicros: spend.toString(),
      impressions,
      clicks,
      conversions: conversionsCenti / 100,
      revenue: revenue === null ? null : formatMicros(revenue),
      revenueMicros: revenue === null ? null : revenue.toString(),
    };
  });
}
