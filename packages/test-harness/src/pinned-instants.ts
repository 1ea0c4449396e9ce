/**
 * The instants time-sensitive suites run at, so a verdict never depends on the hour CI happens to
 * run. Each is chosen for a calendar edge of the fixture accounts' time zones (UTC, New York,
 * Los Angeles, Berlin, Sydney, Tokyo):
 */
export const pinnedInstants = [
  // An ordinary day, 00:30 UTC: the Americas are still on the previous date.
  { name: '00:30 UTC', at: '2026-11-18T00:30:00Z' },
  // Midday UTC: Sydney has just crossed into the next date, the Americas are in the morning.
  { name: '12:00 UTC', at: '2026-11-18T12:00:00Z' },
  // 23:30 UTC: Sydney and Tokyo are already on the next date, UTC is not.
  { name: '23:30 UTC', at: '2026-11-18T23:30:00Z' },
  // Los Angeles springs forward (02:00 PST -> 03:00 PDT) at 10:00 UTC.
  { name: 'Los Angeles spring forward', at: '2026-03-08T10:30:00Z' },
  // Los Angeles falls back (02:00 PDT -> 01:00 PST) at 09:00 UTC.
  { name: 'Los Angeles fall back', at: '2026-11-01T09:30:00Z' },
  // Berlin springs forward (02:00 CET -> 03:00 CEST) at 01:00 UTC.
  { name: 'Berlin spring forward', at: '2026-03-29T01:30:00Z' },
  // Berlin falls back (03:00 CEST -> 02:00 CET) at 01:00 UTC.
  { name: 'Berlin fall back', at: '2026-10-25T01:30:00Z' },
  // New Year's Eve, 23:30 UTC: Sydney and Tokyo are in the new year, UTC and the Americas are not.
  { name: "New Year's Eve 23:30 UTC", at: '2025-12-31T23:30:00Z' },
] as const;

export type PinnedInstant = (typeof pinnedInstants)[number];
