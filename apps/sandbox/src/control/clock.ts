/**
 * The sandbox's clock: real time plus an offset tests can move (to expire a token or an auth code, or
 * to cross an account's midnight) without waiting. It always runs, so the meter still sees seconds pass.
 */
export class SandboxClock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Moves the clock forward (or back) by `ms`. */
  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** Makes `now()` read `ms` at this instant. */
  set(ms: number): void {
    this.offsetMs = ms - Date.now();
  }

  reset(): void {
    this.offsetMs = 0;
  }

  get offset(): number {
    return this.offsetMs;
  }
}
