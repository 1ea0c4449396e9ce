/**
 * What a provider's date holds, so the dashboard never draws a missing day as a zero:
 * - `reported`: the platform reported numbers for it;
 * - `no-activity`: a sync read the date and the platform reported nothing (the sync writes an explicit
 *   zero day document, with no campaigns);
 * - `syncing`: no sync has read the date yet, and one is queued or running;
 * - `not-synced`: no sync has read the date (before the history we read, or not read yet);
 * - `not-linked`: the platform is not linked and we hold nothing for the date.
 */
export type DayState = 'reported' | 'no-activity' | 'syncing' | 'not-synced' | 'not-linked';

export function dayState(input: {
  /** How many campaigns the day document holds, or null when there is no document. */
  campaignCount: number | null;
  linked: boolean;
  syncing: boolean;
}): DayState {
  if (input.campaignCount !== null) return input.campaignCount > 0 ? 'reported' : 'no-activity';
  if (!input.linked) return 'not-linked';
  return input.syncing ? 'syncing' : 'not-synced';
}
