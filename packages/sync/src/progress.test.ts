import type { SyncJobProgress } from '@cohorts/core/contract';
import { describe, expect, it } from 'vitest';
import { progressCounter } from './progress';

describe('progress', () => {
  it('counts days and finished accounts, and the flush marks every account done', async () => {
    const written: SyncJobProgress[] = [];
    const counter = progressCounter(
      [
        { accountId: 'a', days: 8 },
        { accountId: 'b', days: 8 },
      ],
      async (progress) => {
        written.push(progress);
      },
      () => undefined,
    );
    counter.onProgress({ accountId: 'a', daysDone: 8, daysTotal: 8 });
    counter.onProgress({ accountId: 'b', daysDone: 3, daysTotal: 8 });
    await counter.flush();
    // The first report is written at once; later ones at most every interval, and the flush always.
    expect(written[0]).toEqual({ accountsDone: 1, accountsTotal: 2, daysDone: 8, daysTotal: 16 });
    expect(written.at(-1)).toEqual({ accountsDone: 2, accountsTotal: 2, daysDone: 16, daysTotal: 16 });
  });

  it('a failed write is reported and does not stop the next one', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const counter = progressCounter(
      [{ accountId: 'a', days: 1 }],
      async () => {
        calls++;
        if (calls === 1) throw new Error('firestore unavailable');
      },
      (error) => errors.push(error),
    );
    counter.onProgress({ accountId: 'a', daysDone: 1, daysTotal: 1 });
    await counter.flush();
    expect(calls).toBe(2);
    expect(errors).toHaveLength(1);
  });
});
