/** The next midnight UTC after `now` (when LinkedIn's and TikTok's daily limits reset). */
export function nextUtcMidnight(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}
