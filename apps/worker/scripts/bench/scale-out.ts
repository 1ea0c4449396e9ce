import { type AdIntegration, providerIds } from '@cohorts/core';
import { sandboxLogins } from '@cohorts/sync/testing';
import { type BenchContext, linkUser, startWorkers, syncAll } from './context';
import type { BenchRow } from './table';

export interface ScaleOutSize {
  /** Integrations synced (8-day scheduled syncs) by each set of processes. */
  integrations: number;
  processes: readonly number[];
  concurrency: number;
}

/**
 * The same batch of 8-day syncs run by 1, 2 and 4 worker processes in turn (no other worker
 * running), in syncs per second; the limit is one process's rate × N.
 */
export async function scaleOutRow(context: BenchContext, size: ScaleOutSize): Promise<BenchRow> {
  const integrations: AdIntegration[] = [];
  for (let i = 0; i < size.integrations; i++) {
    const providerId = providerIds[i % providerIds.length] ?? 'google';
    integrations.push(await linkUser(context, providerId, sandboxLogins.ada));
  }
  const rates: { processes: number; perSecond: number }[] = [];
  for (const processes of size.processes) {
    const workers = await startWorkers(context, processes, size.concurrency);
    try {
      const { ms } = await syncAll(context, integrations, 'scheduled-sync', 8);
      rates.push({ processes, perSecond: integrations.length / (ms / 1000) });
    } finally {
      await workers.stop();
    }
  }
  const one = rates[0]?.perSecond ?? Number.NaN;
  const most = rates.at(-1) ?? { processes: 1, perSecond: Number.NaN };
  const ratio = most.perSecond / (one * most.processes);
  return {
    row: 'scale-out',
    figure: rates.map((r) => `${r.processes}p ${r.perSecond.toFixed(2)}/s`).join(', '),
    limit: `${(one * most.processes).toFixed(2)}/s (1p x ${most.processes})`,
    ratio,
    target: 'report',
    pass: null,
    notes:
      `${integrations.length} scheduled 8-day syncs (Ada, four platforms) per set, concurrency ${size.concurrency} ` +
      `per process; ratios to 1 process x N: ${rates
        .map((r) => `${r.processes}p ${(r.perSecond / (one * r.processes)).toFixed(2)}`)
        .join(
          ', ',
        )}. On 2 cores every process beyond 2 shares a core with the sandbox, the emulator and Redis.`,
  };
}
