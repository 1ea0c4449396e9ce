/** Request counts as a meter sees them: per calendar second and per sliding 1000 ms window. */
export function maxPerCalendarSecond(times: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const t of times) counts.set(Math.floor(t / 1000), (counts.get(Math.floor(t / 1000)) ?? 0) + 1);
  return Math.max(0, ...counts.values());
}

export function maxPerSlidingSecond(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  let from = 0;
  for (let to = 0; to < sorted.length; to++) {
    while ((sorted[to] as number) - (sorted[from] as number) >= 1000) from++;
    max = Math.max(max, to - from + 1);
  }
  return max;
}

/** Calendar seconds with more than `limit` requests. */
export function secondsAbove(times: readonly number[], limit: number): number {
  const counts = new Map<number, number>();
  for (const t of times) counts.set(Math.floor(t / 1000), (counts.get(Math.floor(t / 1000)) ?? 0) + 1);
  return [...counts.values()].filter((count) => count > limit).length;
}
