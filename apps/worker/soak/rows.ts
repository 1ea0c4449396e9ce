import type { ReliabilityRow } from '@cohorts/test-harness/reliability';
import type { Growth, HeapFloor } from './growth';
import { median } from './growth';
import type { WebLoadStats } from './web-load';

/** One process's memory over the soak. */
export interface ProcessMemory {
  process: string;
  rss: Growth;
  heapFloor: HeapFloor;
  /** V8 heap after a forced full collection (reachable bytes), MB; NaN when it could not be read. */
  liveHeapMb: { atWarmUpEnd: number; atSoakEnd: number };
}

/** Resident memory any one process may reach: far above what the work needs, far below the machine. */
const rssCeilingMb = 512;

/** What one soak run measured; `soakRows` turns it into the report's rows beside their targets. */
export interface SoakMeasurements {
  users: number;
  integrations: number;
  /** Users × platforms the size asked for. */
  expectedIntegrations: number;
  soakSeconds: number;
  /** Scheduler rounds whose jobs all finished (each one cadence later on the scheduler's clock). */
  roundsCompleted: number;
  minRounds: number;
  jobsEnqueued: number;
  jobsSucceeded: number;
  jobsFailed: number;
  /** Jobs per second over the soak's completed rounds. */
  jobsPerSecond: number;
  memory: ProcessMemory[];
  limiter: {
    credentials: number;
    /** One-second windows (sliding, the stricter reading) in which a credential made over 10 requests. */
    credentialsAboveInSlidingSecond: number;
    calendarSecondsAbove: number;
    maxPerSlidingSecond: number;
  };
  queue: {
    oldestWaitingMs: number;
    longestRunningMs: number;
    stuckWaitingLimitMs: number;
    stuckRunningLimitMs: number;
    stuckAlerts: number;
  };
  web: Omit<WebLoadStats, 'reads4xx' | 'failureSamples'>;
}

/** Rounded; a figure that could not be computed (no samples) is 'n/a', never NaN (not JSON). */
function round(value: number, digits: number): number | string {
  if (!Number.isFinite(value)) return 'n/a';
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const row = (name: string, value: number | string, target: string, pass: boolean): ReliabilityRow => ({
  name,
  value,
  target,
  pass,
});

export function soakRows(m: SoakMeasurements): ReliabilityRow[] {
  const rows: ReliabilityRow[] = [
    row(
      'integrations seeded (users × 4 platforms)',
      m.integrations,
      `= ${m.expectedIntegrations} (${m.users} users)`,
      m.integrations === m.expectedIntegrations,
    ),
    row('soak duration (s)', round(m.soakSeconds, 1), 'report', true),
    row(
      'scheduler cadences completed (hourly, offset clock)',
      m.roundsCompleted,
      `≥ ${m.minRounds}`,
      m.roundsCompleted >= m.minRounds,
    ),
    row(
      'sync jobs succeeded / enqueued',
      `${m.jobsSucceeded} / ${m.jobsEnqueued}`,
      'all, 0 failed',
      m.jobsEnqueued > 0 && m.jobsSucceeded === m.jobsEnqueued && m.jobsFailed === 0,
    ),
    row('sync throughput (jobs/s, 2 workers)', round(m.jobsPerSecond, 2), 'report', true),
  ];
  // A leak is reachable memory that keeps growing: the heap a full collection leaves, and the floor
  // the heap returns to every minute. RSS also holds what the allocator keeps after collections
  // (it rises for minutes under load without anything being kept alive), so it is judged against
  // a ceiling and its trend is reported.
  for (const { process, rss, heapFloor, liveHeapMb } of m.memory) {
    const { atWarmUpEnd, atSoakEnd } = liveHeapMb;
    rows.push(
      row(
        `${process} live heap after a full GC, warm-up end → soak end (MB)`,
        `${round(atWarmUpEnd, 1)} → ${round(atSoakEnd, 1)}`,
        'end ≤ 1.1 × start',
        Number.isFinite(atWarmUpEnd) && Number.isFinite(atSoakEnd) && atSoakEnd <= atWarmUpEnd * 1.1,
      ),
      row(
        `${process} heap floor slope after warm-up (MB/min), minutes`,
        `${round(heapFloor.slopeMbPerMinute, 3)}, ${heapFloor.minutes}`,
        '< 1',
        Number.isFinite(heapFloor.slopeMbPerMinute) && heapFloor.slopeMbPerMinute < 1,
      ),
      row(
        `${process} RSS peak (MB), samples`,
        `${round(rss.peakMb, 1)}, ${rss.samples}`,
        `≤ ${rssCeilingMb}`,
        rss.samples > 0 && rss.peakMb <= rssCeilingMb,
      ),
      row(
        `${process} RSS slope after warm-up (MB/min); median start → end (MB)`,
        `${round(rss.slopeMbPerMinute, 3)}; ${round(rss.startMedianMb, 1)} → ${round(rss.endMedianMb, 1)}`,
        'report',
        true,
      ),
    );
  }
  rows.push(
    row(
      'credentials over 10 requests in a sliding second',
      m.limiter.credentialsAboveInSlidingSecond,
      `0 (of ${m.limiter.credentials})`,
      m.limiter.credentialsAboveInSlidingSecond === 0,
    ),
    row(
      'credential-seconds over 10 requests (calendar)',
      m.limiter.calendarSecondsAbove,
      '0',
      m.limiter.calendarSecondsAbove === 0,
    ),
    row(
      'most requests by one credential in 1 s',
      m.limiter.maxPerSlidingSecond,
      '≤ 10',
      m.limiter.maxPerSlidingSecond <= 10,
    ),
    row(
      'oldest waiting sync job (s)',
      round(m.queue.oldestWaitingMs / 1000, 1),
      `< ${m.queue.stuckWaitingLimitMs / 1000} (stuck-waiting limit)`,
      m.queue.oldestWaitingMs < m.queue.stuckWaitingLimitMs,
    ),
    row(
      'longest running sync job (s)',
      round(m.queue.longestRunningMs / 1000, 1),
      `< ${m.queue.stuckRunningLimitMs / 1000} (stuck-running limit)`,
      m.queue.longestRunningMs < m.queue.stuckRunningLimitMs,
    ),
    row('stuck-queue alerts sent by the alert monitor', m.queue.stuckAlerts, '0', m.queue.stuckAlerts === 0),
    row(
      'dashboard reads answered 2xx',
      `${m.web.readsOk} / ${m.web.reads}`,
      'all',
      m.web.reads > 0 && m.web.readsOk === m.web.reads,
    ),
    row(
      'dashboard reads 5xx or no answer',
      m.web.reads5xx + m.web.readErrors,
      '0',
      m.web.reads5xx + m.web.readErrors === 0,
    ),
    row(
      'dashboard read latency p50 / p95 (ms)',
      `${Math.round(median(m.web.readLatenciesMs))} / ${Math.round(percentile(m.web.readLatenciesMs, 95))}`,
      'report',
      true,
    ),
    row(
      'job streams (SSE) opened / events / failures',
      `${m.web.streamsOpened} / ${m.web.streamEvents} / ${m.web.streamFailures}`,
      '0 failures, events > 0',
      m.web.streamsOpened > 0 && m.web.streamEvents > 0 && m.web.streamFailures === 0,
    ),
  );
  return rows;
}
