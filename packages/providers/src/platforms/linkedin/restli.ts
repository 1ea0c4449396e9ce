import type { IsoDate } from '@cohorts/core/contract';

/**
 * Rest.li 2.0 query syntax. Structural characters `( ) , :` stay raw; inside a value they (and every
 * other reserved character) are percent-encoded, so `urn:li:sponsoredAccount:1` becomes
 * `urn%3Ali%3AsponsoredAccount%3A1` inside `List(...)`. `URLSearchParams` would encode the structure
 * too, which LinkedIn rejects.
 */
export function restliValue(value: string): string {
  return encodeURIComponent(value).replace(
    /[()'!*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function restliList(values: readonly string[]): string {
  return `List(${values.map(restliValue).join(',')})`;
}

function restliDate(date: IsoDate): string {
  const [year, month, day] = date.split('-').map(Number);
  return `(year:${year},month:${month},day:${day})`;
}

/** `(start:(year:2026,month:1,day:1),end:(year:2026,month:1,day:31))`, both ends included. */
export function restliDateRange(start: IsoDate, end: IsoDate): string {
  return `(start:${restliDate(start)},end:${restliDate(end)})`;
}

export const sponsoredAccountUrn = (id: string) => `urn:li:sponsoredAccount:${id}`;

/** The id at the end of a URN (`urn:li:sponsoredCampaign:123` -> `123`). */
export function urnId(urn: string): string {
  return urn.slice(urn.lastIndexOf(':') + 1);
}
