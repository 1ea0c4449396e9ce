import { randomUUID } from 'node:crypto';
import { adMetricsCollectionPath, providerIds } from '@cohorts/core';
import { sandboxLogins } from '@cohorts/sync/testing';
import type { DocumentData } from 'firebase-admin/firestore';
import type { WorkerProcess } from '../../test/support/worker-process';
import { type BenchContext, linkUser, seconds, syncAll } from './context';
import { outputMarks, stepBreakdown } from './step-breakdown';
import type { BenchRow } from './table';

export interface PipelineSize {
  /** Users linked on all four platforms (Ada: five ad accounts each). */
  users: number;
}

const windowDays = 8;

/**
 * Scheduled 8-day syncs of `users x 4` integrations through the running workers against the
 * zero-latency sandbox, in day documents written per second; beside it, BulkWriter writing the
 * same documents (read back) to the same emulator with nothing else in the way.
 */
export async function pipelineRow(
  context: BenchContext,
  size: PipelineSize,
  workers: readonly WorkerProcess[],
): Promise<BenchRow> {
  const { db } = context.e2e;
  const integrations = [];
  for (let u = 0; u < size.users; u++) {
    for (const providerId of providerIds)
      integrations.push(await linkUser(context, providerId, sandboxLogins.ada));
  }
  const marks = outputMarks(workers);
  const { ms } = await syncAll(context, integrations, 'scheduled-sync', windowDays);
  const steps = await stepBreakdown(workers, marks, integrations.length);

  const users = [...new Set(integrations.map((i) => i.userId))];
  const days: { id: string; data: DocumentData }[] = [];
  for (const userId of users) {
    const snapshot = await db.collection(adMetricsCollectionPath(userId)).get();
    for (const doc of snapshot.docs) days.push({ id: doc.id, data: doc.data() });
  }
  const rate = days.length / (ms / 1000);

  const copy = db.collection(`benchRawWrites/${randomUUID()}/adMetrics`);
  const started = performance.now();
  const writer = db.bulkWriter();
  for (const day of days) void writer.set(copy.doc(day.id), day.data);
  await writer.close();
  const rawMs = performance.now() - started;
  const rawRate = days.length / (rawMs / 1000);
  const ratio = rate / rawRate;
  return {
    row: 'pipeline',
    figure: `${rate.toFixed(0)} day docs/s`,
    limit: `${rawRate.toFixed(0)} docs/s (BulkWriter)`,
    ratio,
    target: '>= 0.70',
    pass: ratio >= 0.7,
    notes:
      `${integrations.length} scheduled ${windowDays}-day syncs wrote ${days.length} day documents in ${seconds(ms)} ` +
      `(enqueue to the last success); BulkWriter wrote the same documents in ${seconds(rawMs)}. ` +
      `Per sync, mean: ${steps}.`,
  };
}
