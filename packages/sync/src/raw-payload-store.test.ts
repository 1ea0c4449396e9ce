import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type BucketLike, CloudStoragePayloadStore, LocalDirectoryPayloadStore } from './raw-payload-store';

const key = { userId: 'user/../1', providerId: 'google' as const, jobId: 'job 7', attempt: 2 };
const responses = [
  { accountId: 'act_1', request: 'report act_1 2026-11-01..2026-11-07', body: { rows: [] } },
];

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('raw payload stores', () => {
  it('returns an opaque key relative to the root, and only the store knows the file', async () => {
    dir = await mkdtemp(join(tmpdir(), 'raw-store-'));
    const store = new LocalDirectoryPayloadStore(dir);
    const ref = await store.put(key, responses);
    expect(ref).toBe('user_.._1/google/job_7-2.json');
    expect(ref).not.toContain(dir);
    expect(store.locate(ref)).toBe(join(dir, ref));
    expect(JSON.parse(await readFile(store.locate(ref), 'utf8'))).toEqual(responses);
  });

  it('never turns a key into a place outside its root', () => {
    const store = new LocalDirectoryPayloadStore('/srv/raw');
    for (const ref of [
      '../etc/google/x-1.json',
      '/etc/passwd',
      'file:///srv/raw/u/google/j-1.json',
      'u/google/../../x-1.json',
    ]) {
      expect(() => store.locate(ref), ref).toThrow(/not a raw payload key/);
    }
  });

  it('names the Cloud Storage object by the same key', async () => {
    const saved: string[] = [];
    const bucket: BucketLike = {
      name: 'cohorts-raw',
      file: (name) => ({
        save: async () => {
          saved.push(name);
        },
      }),
    };
    const store = new CloudStoragePayloadStore(bucket);
    const ref = await store.put(key, responses);
    expect(ref).toBe('user_.._1/google/job_7-2.json');
    expect(saved).toEqual([ref]);
    expect(store.locate(ref)).toBe(`gs://cohorts-raw/${ref}`);
  });
});
