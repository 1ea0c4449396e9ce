/**
 * Counts platform API requests per credential, the way the platforms' own limits see them: per
 * calendar second (`Math.floor(ms / 1000)` of the sandbox clock) and per sliding 1000 ms window.
 * The design's budget is 10 requests per second per credential, so seconds above 10 are listed.
 */

export const METER_LIMIT_PER_SECOND = 10;
const WINDOW_MS = 1000;

export interface MeterLabel {
  provider: string;
  /** Who the credential belongs to, when the sandbox issued it. */
  loginId: string | null;
  clientId: string | null;
  grantId: string | null;
}

export interface MeterEntry extends MeterLabel {
  /** The grant id for sandbox-issued tokens (stable across refreshes), else the raw token. */
  credential: string;
  /** Access tokens seen for this credential (a refreshed Google token is the same credential). */
  accessTokens: string[];
  total: number;
  maxPerCalendarSecond: number;
  maxPerSlidingSecond: number;
  secondsAbove10: Array<{ second: number; count: number }>;
  /** Arrival times (ms) of the first sliding second that held the most requests, when above 10. */
  busiestWindow: number[];
  firstAt: number;
  lastAt: number;
}

interface Counter {
  label: MeterLabel;
  tokens: Set<string>;
  total: number;
  perSecond: Map<number, number>;
  /** Arrival times inside the last window, oldest first. */
  window: number[];
  maxSliding: number;
  busiestWindow: number[];
  firstAt: number;
  lastAt: number;
}

export class RequestMeter {
  private readonly counters = new Map<string, Counter>();

  record(credential: string, accessToken: string, label: MeterLabel, atMs: number): void {
    let counter = this.counters.get(credential);
    if (!counter) {
      counter = {
        label,
        tokens: new Set(),
        total: 0,
        perSecond: new Map(),
        window: [],
        maxSliding: 0,
        busiestWindow: [],
        firstAt: atMs,
        lastAt: atMs,
      };
      this.counters.set(credential, counter);
    }
    counter.tokens.add(accessToken);
    counter.total += 1;
    counter.lastAt = Math.max(counter.lastAt, atMs);
    const second = Math.floor(atMs / 1000);
    counter.perSecond.set(second, (counter.perSecond.get(second) ?? 0) + 1);
    // Requests in (atMs - 1000, atMs]: every window of 1000 ms holding the most requests ends at one.
    counter.window.push(atMs);
    while (counter.window.length > 0 && (counter.window[0] ?? 0) <= atMs - WINDOW_MS) counter.window.shift();
    if (counter.window.length > counter.maxSliding) {
      counter.maxSliding = counter.window.length;
      // Kept to tell bunched sends (two schedules) from a compressed even spacing (arrival jitter).
      if (counter.maxSliding > METER_LIMIT_PER_SECOND) counter.busiestWindow = [...counter.window];
    }
  }

  snapshot(): MeterEntry[] {
    return [...this.counters.entries()].map(([credential, counter]) => {
      const seconds = [...counter.perSecond.entries()].sort(([a], [b]) => a - b);
      return {
        credential,
        ...counter.label,
        accessTokens: [...counter.tokens],
        total: counter.total,
        maxPerCalendarSecond: Math.max(0, ...seconds.map(([, count]) => count)),
        maxPerSlidingSecond: counter.maxSliding,
        busiestWindow: counter.busiestWindow,
        secondsAbove10: seconds
          .filter(([, count]) => count > METER_LIMIT_PER_SECOND)
          .map(([second, count]) => ({ second, count })),
        firstAt: counter.firstAt,
        lastAt: counter.lastAt,
      };
    });
  }

  reset(): void {
    this.counters.clear();
  }
}
