import { SandboxClock } from './control/clock';
import { FaultStore } from './control/faults';
import { RequestMeter } from './control/meter';
import type { DataContext } from './data/generator';
import { GrantStore } from './oauth/grants';

/** Everything one running sandbox remembers. Each `startSandbox` has its own. */
export class SandboxState {
  readonly clock: SandboxClock;
  readonly grants = new GrantStore();
  readonly faults = new FaultStore();
  readonly meter = new RequestMeter();
  /** Sandbox-clock times of each `POST /__sandbox/restate`; the revision is their count. */
  readonly restatements: number[] = [];

  constructor(options: { clockStartAtMs?: number | undefined } = {}) {
    this.clock = new SandboxClock(options.clockStartAtMs);
  }

  get revision(): number {
    return this.restatements.length;
  }

  restate(): number {
    this.restatements.push(this.clock.now());
    return this.revision;
  }

  dataContext(): DataContext {
    return { nowMs: this.clock.now(), restatements: [...this.restatements] };
  }

  /** Back to a fresh sandbox; issued grants survive unless `grants` is set (a linked dev app keeps working). */
  reset(options: { grants?: boolean } = {}): void {
    this.faults.clear();
    this.meter.reset();
    this.restatements.length = 0;
    this.clock.reset();
    if (options.grants) this.grants.clear();
  }
}
