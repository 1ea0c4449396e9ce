/**
 * The send schedule of one credential: an evenly spaced grid of send times, aligned to the clock.
 *
 * The platforms (and the sandbox's meter) count requests per calendar second and per sliding second.
 * A plain fixed window of 10 per second lets up to 20 through around a window edge; even spacing at
 * exactly 100 ms leaves no room for network jitter. So the grid is `slots` sends per window of
 * `windowSeconds` (19 per 2 s by default = one send every 105.3 ms = 9.5 req/s): any second holds at
 * most 10 grid points, and a send may arrive up to ~50 ms late before the sliding count could reach 11.
 *
 * Windows are numbered from the epoch, so every process computes the same grid; a window's slots are
 * handed out by one atomic counter in Redis (see `CredentialRateLimiter`).
 */
export interface SlotGrid {
  windowMs: number;
  /** Sends per window. */
  slots: number;
  /** Time between consecutive sends. */
  spacingMs: number;
}

export function slotGrid(options: {
  requestsPerSecond: number;
  windowSeconds: number;
  margin: number;
}): SlotGrid {
  const { requestsPerSecond, windowSeconds, margin } = options;
  if (!Number.isInteger(windowSeconds) || windowSeconds < 1) {
    // rate-limiter-flexible floors sub-second durations to 0 and the key never expires.
    throw new RangeError('windowSeconds must be a whole number of seconds >= 1');
  }
  if (!(margin >= 0 && margin < 1)) throw new RangeError('margin must be in [0, 1)');
  const slots = Math.floor(requestsPerSecond * windowSeconds * (1 - margin));
  if (slots < 1) throw new RangeError('the grid must have at least one slot per window');
  const windowMs = windowSeconds * 1000;
  return { windowMs, slots, spacingMs: windowMs / slots };
}

export function windowAt(grid: SlotGrid, time: number): number {
  return Math.floor(time / grid.windowMs);
}

export function windowStart(grid: SlotGrid, window: number): number {
  return window * grid.windowMs;
}

/** Send time of slot `index` (0-based) of `window`. */
export function slotTime(grid: SlotGrid, window: number, index: number): number {
  return window * grid.windowMs + index * grid.spacingMs;
}

/**
 * The first slot of `window` still usable at `now`: a slot whose time is more than `lateToleranceMs`
 * gone would squeeze the gap to the next send below the spacing.
 */
export function firstUsableSlot(
  grid: SlotGrid,
  window: number,
  now: number,
  lateToleranceMs: number,
): number {
  const sinceStart = now - lateToleranceMs - windowStart(grid, window);
  if (sinceStart <= 0) return 0;
  return Math.ceil(sinceStart / grid.spacingMs);
}

/**
 * How many grid points fall in any `spanMs` window at worst (used by tests and the README to state
 * the guarantee): with spacing > 100 ms no second holds more than 10.
 */
export function maxSendsInSpan(grid: SlotGrid, spanMs: number): number {
  return Math.ceil(spanMs / grid.spacingMs);
}
