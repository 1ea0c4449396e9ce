import type { ProviderId } from '@cohorts/core/contract';

/**
 * What a platform card says about a link's health, as pure functions of the integration and `now`
 * (the dashboard's one clock), so they are tested at any pinned time.
 */

const minuteMs = 60_000;
const dayMs = 86_400_000;

/** Access that ends on its own is flagged this long before (Meta ~60 days, LinkedIn's yearly re-consent). */
const tokenWarningDays = 14;

export interface TokenFields {
  providerId: ProviderId;
  accessTokenExpiresAt: string | null;
  refreshTokenExpiresAt: string | null;
  reconnectRequired: boolean;
}

export type TokenHealth =
  | { level: 'ok'; endsAt: Date | null; text: string }
  | { level: 'warning' | 'expired' | 'revoked'; endsAt: Date | null; text: string };

function dayCount(days: number): string {
  return `${days} day${days === 1 ? '' : 's'}`;
}

/**
 * The token's state: revoked (a sync failed for auth), expired, ending within 14 days, or fine.
 * Meta's long-lived token ends ~60 days after linking; LinkedIn asks for consent again after a
 * year (its refresh token's end). Platforms whose access renews itself have neither date.
 */
export function tokenHealth(integration: TokenFields, now: Date, locale?: string): TokenHealth {
  const ends = [integration.accessTokenExpiresAt, integration.refreshTokenExpiresAt]
    .filter((iso): iso is string => iso !== null)
    .map((iso) => new Date(iso))
    .sort((a, b) => a.getTime() - b.getTime())[0];
  const endsAt = ends ?? null;
  if (integration.reconnectRequired) {
    return {
      level: 'revoked',
      endsAt,
      text: 'The platform refused our access (revoked, expired or password changed). Reconnect to keep syncing.',
    };
  }
  if (!ends) return { level: 'ok', endsAt, text: 'Access renews itself.' };
  const when = ends.toLocaleDateString(locale, { dateStyle: 'medium' });
  const left = ends.getTime() - now.getTime();
  if (left <= 0)
    return { level: 'expired', endsAt, text: `Access ended on ${when}. Reconnect to keep syncing.` };
  const daysLeft = Math.ceil(left / dayMs);
  const what = integration.providerId === 'linkedin' ? 'LinkedIn asks for consent again' : 'Access ends';
  if (daysLeft <= tokenWarningDays) {
    return {
      level: 'warning',
      endsAt,
      text: `${what} in ${dayCount(daysLeft)} (${when}). Reconnect now to avoid a gap.`,
    };
  }
  return { level: 'ok', endsAt, text: `Access valid until ${when}.` };
}

/** "3 min ago", "in 2 h", "just now": a time relative to `now`, in the reader's language. */
export function relativeTime(iso: string, now: Date, locale?: string): string {
  const diff = new Date(iso).getTime() - now.getTime();
  const abs = Math.abs(diff);
  // The clock ticks every few seconds, so a moment ago can read as a moment ahead: both are "just now".
  if (abs < minuteMs) return 'just now';
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
  if (abs < 60 * minuteMs) return format.format(Math.trunc(diff / minuteMs), 'minute');
  if (abs < dayMs) return format.format(Math.trunc(diff / (60 * minuteMs)), 'hour');
  return format.format(Math.trunc(diff / dayMs), 'day');
}

export interface CoverageFields {
  available: number;
  selection: 'all' | 'chosen';
  synced: number;
  skipped: { id: string; name: string }[];
}

/**
 * One account line that agrees with the sync's own message: how many accounts syncs cover, out of
 * how many the login offers, and which are skipped because the platform reports nothing for them.
 */
export function accountLine(coverage: CoverageFields): string {
  const { available, selection, synced, skipped } = coverage;
  const accounts = (n: number) => `${n} account${n === 1 ? '' : 's'}`;
  const base =
    selection === 'all'
      ? `Syncing all ${accounts(synced)}`
      : `Syncing ${synced} of ${accounts(available)} (your choice)`;
  if (skipped.length === 0) return base;
  return `${base}; skipped ${skipped.map((a) => a.name || a.id).join(', ')}: closed or suspended`;
}

/** Minutes as people say them: "every 6 hours", "every day". */
export function cadenceText(minutes: number | null): string {
  if (minutes === null) return 'Nightly';
  if (minutes % 1440 === 0) return minutes === 1440 ? 'Every day' : `Every ${minutes / 1440} days`;
  if (minutes % 60 === 0) return minutes === 60 ? 'Every hour' : `Every ${minutes / 60} hours`;
  return `Every ${minutes} minutes`;
}
