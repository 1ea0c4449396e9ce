/**
 * The send schedule of one credential: an evenly spaced grid of send times, aligned to the clock.
 *
 * The platforms (and the sandbox's meter) count requests per calendar second and per sliding second.
 * A plain fixed window of 10 per second lets up to 20 through around a window edge; even spacing at
 * exactly 100 ms leaves no room for network jitter. So the grid has `slotsPerWindow` sends per
 * `windowSeconds` (19 per 2 s by default = one send every 105.3 ms = 9.5 req/s): any second holds at
 * most 10 grid points, and a send may arrive up to ~50 ms late before a sliding second could reach 11.
 *
 * Slots are numbered from the epoch (slot `n` is at `n x spacing` ms), so every process on every
 * machine computes the same grid from the same clock.
 */
export interface SlotGrid {
  /** Time between consecutive sends. */
  spacingMs: number;
  /** Sends per `windowSeconds` (the budget after the margin). */
  slotsPerWindow: number;
  windowSeconds: number;
}

export function slotGrid(options: {
  requestsPerSecond: number;
  windowSeconds: number;
  margin: number;
}): SlotGrid {
  const { requestsPerSecond, windowSeconds, margin } = options;
  if (!Number.isInteger(windowSeconds) || windowSeconds < 1) {
    throw new RangeError('windowSeconds must be a whole number of seconds >= 1');
  }
  if (!(margin >= 0 && margin < 1)) throw new RangeError('margin must be in [0, 1)');
  const slotsPerWindow = Math.floor(requestsPerSecond * windowSeconds * (1 - margin));
  if (slotsPerWindow < 1) throw new RangeError('the grid must have at least one slot per window');
  return { spacingMs: (windowSeconds * 1000) / slotsPerWindow, slotsPerWindow, windowSeconds };
}

/** Send time of slot `slot`. */
export function slotTime(grid: SlotGrid, slot: number): number {
  return slot * grid.spacingMs;
}

/**
 * The first slot still usable at `now`: a slot more than `lateToleranceMs` gone would squeeze the
 * gap to the next send below the spacing.
 */
export function firstUsableSlot(grid: SlotGrid, now: number, lateToleranceMs: number): number {
  return Math.ceil((now - lateToleranceMs) / grid.spacingMs);
}

/** The most grid points any `spanMs` window holds: with spacing > 100 ms, no second holds more than 10. */
export function maxSendsInSpan(grid: SlotGrid, spanMs: number): number {
  return Math.ceil(spanMs / grid.spacingMs);
}
