import { addDays, localDateIn } from '../contract/calendar';
import type { IsoDate } from '../contract/dates';
import type { ProviderId } from '../contract/provider-ids';
import { incrementalTimeframeDays } from '../scheduling/policy';

/**
 * How long each platform keeps changing a day's numbers after the day (provider-api-facts.md):
 * Google attributes conversions to the click date within the default 30-day conversion window,
 * Meta freezes insights about 28 days after they were generated, LinkedIn counts conversions in a
 * 30-day window, TikTok's reports settle within about 3 days (11 h latency, re-read >= 3 days).
 */
export const restatementWindowDays: Record<ProviderId, number> = {
  google: 30,
  facebook: 28,
  linkedin: 30,
  tiktok: 3,
};

/** How many days ending yesterday every sync re-reads: at least 8, more when the user set a longer lookback. */
export function rereadDays(scheduledTimeframeDays: number | null): number {
  return Math.max(incrementalTimeframeDays, scheduledTimeframeDays ?? 0);
}

export interface ProvisionalRule {
  providerId: ProviderId;
  /** Days after a date during which its stored numbers may still change. */
  windowDays: number;
  restatementDays: number;
  rereadDays: number;
  /** The earliest date still provisional; every later date is too. */
  provisionalFrom: IsoDate;
  /**
   * The platform restates longer than our syncs re-read: after `windowDays` the stored numbers stop
   * changing although the platform's own may still move (a longer lookback would follow them).
   */
  platformRestatesLonger: boolean;
}

/**
 * Which of a provider's days are provisional. A sync on account-local date T re-reads T-reread..T-1,
 * so date D is last re-read on D+reread; the platform settles D by the end of D+restatement, which
 * the next day's sync picks up. The stored numbers of D can change until D + min(restatement + 1,
 * reread). "Today" is each reporting time zone's own date (LinkedIn's days are UTC); with several
 * time zones the one furthest behind decides, so no date is called final too early.
 */
export function provisionalRule(input: {
  providerId: ProviderId;
  /** The reporting time zones of the provider's accounts (at least one). */
  timeZones: readonly string[];
  scheduledTimeframeDays: number | null;
  now: Date;
}): ProvisionalRule {
  const restatementDays = restatementWindowDays[input.providerId];
  const reread = rereadDays(input.scheduledTimeframeDays);
  const windowDays = Math.min(restatementDays + 1, reread);
  // ISO dates sort as strings; the first is the earliest "today".
  const [earliestToday = localDateIn('UTC', input.now)] = input.timeZones
    .map((tz) => localDateIn(tz, input.now))
    .sort();
  return {
    providerId: input.providerId,
    windowDays,
    restatementDays,
    rereadDays: reread,
    provisionalFrom: addDays(earliestToday, -windowDays),
    platformRestatesLonger: restatementDays + 1 > reread,
  };
}

/** The last date on which `date`'s numbers may still change, or null when they are final. */
export function mayChangeUntil(date: IsoDate, rule: ProvisionalRule): IsoDate | null {
  return date >= rule.provisionalFrom ? addDays(date, rule.windowDays) : null;
}
