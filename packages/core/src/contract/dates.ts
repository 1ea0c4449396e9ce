import { z } from 'zod';

/** A calendar date `YYYY-MM-DD` (an ad account's local date, never an instant). */
export const IsoDateSchema = z.iso.date({ error: 'must be a date in the form YYYY-MM-DD' });
export type IsoDate = z.infer<typeof IsoDateSchema>;

/** An IANA time zone name such as `America/New_York`, checked against the runtime's tz database. */
export const TimeZoneSchema = z.string().refine(isKnownTimeZone, {
  error: 'must be an IANA time zone name such as "America/New_York"',
});

export function isKnownTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** An ISO 4217 currency code: three upper-case letters. */
export const CurrencyCodeSchema = z
  .string()
  .regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 currency code such as "USD"' });
