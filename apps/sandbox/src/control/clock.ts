/**
 * The sandbox's clock: real time plus an offset tests can move (to expire a token or an auth code, or
 * to cross an account's midnight) without waiting. It can also be frozen, so that requests land in a
 * known second of the meter. Started with `startAtMs`, it reads that instant at start and runs on from
 * there; `reset()` returns to that baseline, so a test's pinned calendar survives a reset.
 */
export class SandboxClock {
  private readonly baseOffsetMs: number;
  private offsetMs: number;
  private frozenAt: number | null = null;

  constructor(startAtMs?: number) {
    this.baseOffsetMs = startAtMs === undefined ? 0 : startAtMs - Date.now();
    this.offsetMs = this.baseOffsetMs;
  }

  now(): number {
    return this.frozenAt ?? Date.now() + this.offsetMs;
  }

  /** What `now()` read (or would have read) at the real instant `realMs` (epoch ms). */
  at(realMs: number): number {
    return this.frozenAt ?? realMs + this.offsetMs;
  }

  /** Moves the clock forward (or back) by `ms`. */
  advance(ms: number): void {
    if (this.frozenAt !== null) this.frozenAt += ms;
    else this.offsetMs += ms;
  }

  /** Makes `now()` read `ms` at this instant. */
  set(ms: number): void {
    if (this.frozenAt !== null) this.frozenAt = ms;
    else this.offsetMs = ms - Date.now();
  }

  /** Stops the clock at its current reading (`true`) or lets it run on from there (`false`). */
  freeze(frozen: boolean): void {
    if (frozen && this.frozenAt === null) this.frozenAt = this.now();
    if (!frozen && this.frozenAt !== null) {
      this.offsetMs = this.frozenAt - Date.now();
      this.frozenAt = null;
    }
  }

  reset(): void {
    this.offsetMs = this.baseOffsetMs;
    this.frozenAt = null;
  }

  get offset(): number {
    return this.now() - Date.now();
  }

  get frozen(): boolean {
    return this.frozenAt !== null;
  }
}
