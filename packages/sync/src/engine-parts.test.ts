import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syncBackoffType, syncRetryPolicy } from '@cohorts/core';
import { describe, expect, it } from 'vitest';
import { syncWorkerSettings } from './process-next';
import { LocalDirectoryPayloadStore } from './raw-payload-store';

describe('sync worker backoff', () => {
  const strategy = syncWorkerSettings.backoffStrategy;
  if (!strategy) throw new Error('no backoff strategy');

  it('grows exponentially with jitter under the cap for core backoff type', () => {
    for (let attempt = 1; attempt <= syncRetryPolicy.attempts; attempt++) {
      const ceiling = Math.min(syncRetryPolicy.maxDelayMs, syncRetryPolicy.baseDelayMs * 2 ** (attempt - 1));
      const delay = Number(strategy(attempt, syncBackoffType));
      expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delay).toBeLessThanOrEqual(ceiling);
    }
  });

  it('retries other types at once', () => {
    expect(strategy(3, 'something-else')).toBe(0);
  });
});

describe('LocalDirectoryPayloadStore', () => {
  it('writes one JSON file per attempt and returns its key, which only the store turns into a path', async () => {
    const root = join(tmpdir(), `raw-${process.pid}-${Date.now()}`);
    try {
      const store = new LocalDirectoryPayloadStore(root);
      const key = { userId: 'user/../x', providerId: 'google' as const, jobId: 'job-1', attempt: 2 };
      const ref = await store.put(key, [{ accountId: 'a', request: 'campaign metrics', body: { rows: 1 } }]);
      expect(ref).toBe('user_.._x/google/job-1-2.json');
      const path = store.locate(ref);
      expect(path.startsWith(root)).toBe(true);
      expect(JSON.parse(await readFile(path, 'utf8'))).toEqual([
        { accountId: 'a', request: 'campaign metrics', body: { rows: 1 } },
      ]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
