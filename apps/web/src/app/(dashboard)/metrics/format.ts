/**
 * Number formatting for the Metrics panel, with Intl only. Money always carries its own currency
 * (minor units as the currency has them: yen without decimals); nothing here adds currencies up.
 */

export function formatMoney(amount: number, currencyCode: string, locale?: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: currencyCode }).format(amount);
}

/** Compact money for chart axes ("$1.2K", "¥350K"). */
export function formatMoneyCompact(amount: number, currencyCode: string, locale?: string): string {
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: currencyCode,
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(amount);
}

export function formatCount(value: number, locale?: string): string {
  // Conversions may be fractional (Google attributes parts of a conversion).
  return new Intl.NumberFormat(locale, { maximumFractionDigits: Number.isInteger(value) ? 0 : 2 }).format(
    value,
  );
}

export function formatCompactCount(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

export function formatPercent(ratio: number, locale?: string): string {
  return new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(ratio);
}

/** Return on ad spend as a multiple ("3.40×"). */
export function formatMultiple(ratio: number, locale?: string): string {
  return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(ratio)}×`;
}

/** "+12.5 %", "−3.0 %", "0.0 %"; null (no previous value to compare with) is "no comparison". */
export function formatChange(change: number | null, locale?: string): string {
  if (change === null) return 'no comparison';
  return new Intl.NumberFormat(locale, {
    style: 'percent',
    signDisplay: 'exceptZero',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(change);
}

/**
 * An account-local calendar date ("Nov 7, 2026"). Formatted in UTC on purpose: the date is a
 * calendar day, not an instant, and must not shift with the viewer's time zone.
 */
export function formatDate(date: string, locale?: string, options: Intl.DateTimeFormatOptions = {}): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    ...options,
  }).format(new Date(`${date}T00:00:00Z`));
}

export function formatShortDate(date: string, locale?: string): string {
  return formatDate(date, locale, { year: undefined });
}
