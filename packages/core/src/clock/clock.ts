/**
 * Where "now" comes from. Every part of the system that reads the time (sync windows, leases,
 * token expiries, the scheduler's slots, alerts) takes one `Clock` from its composition root, so a
 * test can pin the instant and a day boundary in any account's time zone is reproducible.
 */
export interface Clock {
  now(): Date;
}

/** The machine's clock: what production runs on. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at one instant; it moves only when told (pure tests, pinned-instant suites). */
export class PinnedClock implements Clock {
  private atMs: number;

  constructor(at: Date | string) {
    this.atMs = toMs(at);
  }

  now(): Date {
    return new Date(this.atMs);
  }

  set(at: Date | string): void {
    this.atMs = toMs(at);
  }

  advance(ms: number): void {
    this.atMs += ms;
  }
}

/** A running clock a test can move to another instant, from which it runs on. */
export interface RunningClock extends Clock {
  restartAt(at: Date | string): void;
}

/**
 * A clock that reads `at` when made and then runs at real speed. Processes under test use it (a
 * worker's leases and retries must still advance) while their calendar is pinned to a chosen instant;
 * `restartAt` moves it to another instant.
 */
export function clockStartingAt(at: Date | string, elapsedMs: () => number = defaultElapsed()): RunningClock {
  let offsetMs = toMs(at) - elapsedMs();
  return {
    now: () => new Date(offsetMs + elapsedMs()),
    restartAt: (next) => {
      offsetMs = toMs(next) - elapsedMs();
    },
  };
}

/**
 * The clock a process composes from its environment: `CLOCK_START_AT` (an ISO instant, for
 * development and end-to-end tests) starts a running clock there; unset, the system clock.
 */
export function clockFromStartAt(startAt: string | undefined): Clock {
  return startAt ? clockStartingAt(startAt) : systemClock;
}

function defaultElapsed(): () => number {
  const origin = performance.now();
  return () => performance.now() - origin;
}

function toMs(at: Date | string): number {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${String(at)}`);
  return ms;
}
