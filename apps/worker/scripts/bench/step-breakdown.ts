import { waitFor } from '@cohorts/test-harness';
import { z } from 'zod';
import type { WorkerProcess } from '../../test/support/worker-process';

/** The fields of the processor's 'sync finished' log line that say where a sync's time went. */
const SyncFinishedLineSchema = z.object({
  msg: z.literal('sync finished'),
  waitedMs: z.number().nullable(),
  stepsMs: z.record(z.string(), z.number()),
});

/** Where the worker processes' output stands now; `stepBreakdown` reads only what comes after. */
export function outputMarks(workers: readonly WorkerProcess[]): number[] {
  return workers.map((worker) => worker.output().length);
}

/**
 * The mean time per step of the syncs the workers finished since `marks` (their log level must
 * be info), e.g. "queue wait 812 ms, claim 95 ms, ..., finish 120 ms". Waits for `syncs` lines:
 * a worker logs after it has written the job's ending, which the bench may see first.
 */
export async function stepBreakdown(
  workers: readonly WorkerProcess[],
  marks: readonly number[],
  syncs: number,
): Promise<string> {
  const lines = await waitFor(
    () => {
      const found = workers.flatMap((worker, i) =>
        worker
          .output()
          .slice(marks[i] ?? 0)
          .split('\n')
          .filter((line) => line.includes('"sync finished"'))
          .flatMap((line) => {
            const parsed = SyncFinishedLineSchema.safeParse(JSON.parse(line));
            return parsed.success ? [parsed.data] : [];
          }),
      );
      return found.length >= syncs ? found : undefined;
    },
    { timeoutMs: 10_000, intervalMs: 50, what: `${syncs} 'sync finished' log lines` },
  );
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / Math.max(1, values.length);
  const steps = [...new Set(lines.flatMap((line) => Object.keys(line.stepsMs)))];
  const waited = lines.flatMap((line) => (line.waitedMs === null ? [] : [line.waitedMs]));
  return [
    `queue wait ${mean(waited).toFixed(0)} ms`,
    ...steps.map((step) => `${step} ${mean(lines.map((line) => line.stepsMs[step] ?? 0)).toFixed(0)} ms`),
  ].join(', ');
}
