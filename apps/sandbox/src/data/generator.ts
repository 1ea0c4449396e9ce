import { fxPerUsd } from './brands';
import { dayNumber, type IsoDate, localDate, weekday } from './dates';
import type { SandboxAccount, SandboxCampaign } from './model';
import { type Micros, minorUnitDigits } from './money';
import { between, seededRandom } from './random';

/** One campaign's delivery on one account-local date, before any platform encodes it. */
export interface CampaignDay {
  date: IsoDate;
  spendMicros: Micros;
  impressions: number;
  clicks: number;
  /** Hundredths of a conversion: Google's are fractional, the others whole (multiples of 100). */
  conversionsCenti: number;
  /** The conversions' value; null when the campaign does not track one. */
  revenueMicros: Micros | null;
}

/**
 * What the numbers depend on besides the fixtures: the sandbox clock (no data after an account's
 * "today") and the times `POST /__sandbox/restate` was called.
 */
export interface DataContext {
  nowMs: number;
  /** Epoch ms of each restatement, oldest first; revision n is the n-th. */
  restatements: readonly number[];
}

/** A restatement changes conversions of days up to this many days before its own local "today". */
export const RESTATEMENT_WINDOW_DAYS = 7;

/** The money grid of an account: its currency's minor unit; LinkedIn bills to a tenth of a cent. */
function spendGrid(account: SandboxAccount): Micros {
  if (account.provider === 'linkedin') return 1_000n;
  return 10n ** BigInt(6 - minorUnitDigits(account.currency));
}

function valueGrid(account: SandboxAccount): Micros {
  return 10n ** BigInt(6 - minorUnitDigits(account.currency));
}

function toGrid(amount: number, grid: Micros): Micros {
  return (BigInt(Math.round(amount * 1_000_000)) / grid) * grid;
}

/** Slow yearly seasonality: +/-15 %, peaking in late autumn. */
function season(date: IsoDate): number {
  return 1 + 0.15 * Math.sin(((dayNumber(date) - 250) / 365.25) * 2 * Math.PI);
}

function conversionsFrom(expected: number, fractional: boolean): number {
  return fractional ? Math.round(expected * 100) : Math.round(expected) * 100;
}

/** Is `date` inside the restatement window of a restatement made at `atMs`? */
function restatedAt(date: IsoDate, atMs: number, timeZone: string): boolean {
  const today = dayNumber(localDate(atMs, timeZone));
  const day = dayNumber(date);
  return day <= today && today - day <= RESTATEMENT_WINDOW_DAYS;
}

/**
 * The campaign's numbers for `date`, or null when it did not deliver (before its start, after its end
 * or the account's closure, after the account's today, or an idle day). Deterministic: a pure
 * function of the fixtures, the date and the context.
 */
export function campaignDay(
  account: SandboxAccount,
  campaign: SandboxCampaign,
  date: IsoDate,
  context: DataContext,
): CampaignDay | null {
  if (account.isManager) return null;
  if (date < campaign.startDate) return null;
  if (campaign.endDate !== null && date > campaign.endDate) return null;
  if (account.closedOn !== null && date > account.closedOn) return null;
  if (date > localDate(context.nowMs, account.timeZone)) return null;

  const seed = `${account.provider}|${account.id}|${campaign.id}|${date}`;
  const random = seededRandom(seed);
  const profile = campaign.profile;
  if (random() < profile.idleDayRate) return null;
  // Only Google's data-driven attribution splits conversions into fractions.
  const fractional = account.provider === 'google' && profile.fractionalConversions;

  const fx = fxPerUsd[account.currency] ?? 1;
  const spendUsd =
    profile.dailySpend *
    (profile.weekdayPattern[weekday(date)] ?? 1) *
    season(date) *
    between(random, 0.72, 1.28);
  const spendMicros = toGrid(spendUsd * fx, spendGrid(account));
  const impressions = Math.max(1, Math.round((spendUsd / profile.cpm) * 1000 * between(random, 0.9, 1.1)));
  const clicks = Math.round(impressions * profile.clickThroughRate * between(random, 0.75, 1.25));
  const conversionNoise = between(random, 0.6, 1.4);
  const valueNoise = between(random, 0.85, 1.15);

  let conversionsCenti = 0;
  let revenueMicros: Micros | null = null;
  if (profile.conversionKind !== 'none') {
    conversionsCenti = conversionsFrom(clicks * profile.conversionRate * conversionNoise, fractional);
  }
  if (profile.conversionKind === 'purchase') {
    revenueMicros = toGrid(
      (conversionsCenti / 100) * profile.averageOrderValue * fx * valueNoise,
      valueGrid(account),
    );
  }

  // Late conversions: each restatement adds some to the days inside its window, and only those.
  if (profile.conversionKind !== 'none') {
    context.restatements.forEach((atMs, index) => {
      if (!restatedAt(date, atMs, account.timeZone)) return;
      const late = seededRandom(`${seed}|revision ${index + 1}`);
      const added = fractional ? Math.round(between(late, 0.5, 2) * 100) : (1 + Math.floor(late() * 2)) * 100;
      const addedValue = toGrid(
        (added / 100) * profile.averageOrderValue * fx * between(late, 0.85, 1.15),
        valueGrid(account),
      );
      conversionsCenti += added;
      if (revenueMicros !== null) revenueMicros += addedValue;
    });
  }

  return { date, spendMicros, impressions, clicks, conversionsCenti, revenueMicros };
}
