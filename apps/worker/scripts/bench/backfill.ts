import { type MeterEntry, sandboxControl } from '@cohorts/sandbox';
import { sandboxLogins } from '@cohorts/sync/testing';
import type { WorkerProcess } from '../../test/support/worker-process';
import { type BenchContext, linkUser, seconds, syncAll } from './context';
import { outputMarks, stepBreakdown } from './step-breakdown';
import type { BenchRow } from './table';

export interface BackfillSize {
  days: number;
}

const LATENCY_MS = 50;
/** The connectors' per-credential account concurrency (`accountConcurrency`, default 4). */
const ALLOWED_CONCURRENCY = 4;
const PER_SECOND = 10;

/**
 * One initial backfill of one Meta integration (Ada: five ad accounts) with every Meta API answer
 * 50 ms late. The limit: the requests it made × latency ÷ the concurrency allowed per credential,
 * or requests ÷ 10 per second, whichever is larger.
 */
export async function backfillRow(
  context: BenchContext,
  size: BackfillSize,
  workers: readonly WorkerProcess[],
): Promise<BenchRow> {
  const { sandbox } = context.e2e;
  const integration = await linkUser(context, 'facebook', sandboxLogins.ada);
  await sandboxControl(sandbox.url, 'meter', { method: 'DELETE' });
  await sandboxControl(sandbox.url, 'faults', {
    json: { kind: 'slow', delayMs: LATENCY_MS, provider: 'facebook' },
  });
  try {
    const marks = outputMarks(workers);
    const { ms } = await syncAll(context, [integration], 'initial-backfill', size.days);
    const steps = await stepBreakdown(workers, marks, 1);
    const meter = await sandboxControl<{ credentials: MeterEntry[] }>(sandbox.url, 'meter');
    const requests = meter.credentials
      .filter((entry) => entry.provider === 'facebook')
      .reduce((sum, entry) => sum + entry.total, 0);
    const byLatency = (requests * LATENCY_MS) / ALLOWED_CONCURRENCY;
    const byRate = (requests / PER_SECOND) * 1000;
    const limitMs = Math.max(byLatency, byRate);
    const ratio = ms / limitMs;
    return {
      row: 'backfill',
      figure: seconds(ms),
      limit: `${seconds(limitMs)} (${byRate >= byLatency ? 'rate' : 'latency'})`,
      ratio,
      target: '<= 1.3',
      pass: ratio <= 1.3,
      notes:
        `one ${size.days}-day Meta backfill, ${integration.adAccounts.length} ad accounts, ${requests} requests at ` +
        `${LATENCY_MS} ms: latency bound ${seconds(byLatency)} (concurrency ${ALLOWED_CONCURRENCY}), rate bound ` +
        `${seconds(byRate)} (10/s); the figure runs from enqueue to success: ${steps}.`,
    };
  } finally {
    await sandboxControl(sandbox.url, 'faults', { method: 'DELETE' });
  }
}
