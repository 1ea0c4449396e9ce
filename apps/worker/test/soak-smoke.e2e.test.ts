import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ReliabilityResultSchema } from '@cohorts/test-harness/reliability';
import { describe, expect, it } from 'vitest';
import { resultsPath } from '../soak/results';

const workerDir = fileURLToPath(new URL('..', import.meta.url));

/** Every row a soak report carries (the memory rows once per sampled process). */
const expectedRows = [
  'integrations seeded (users × 4 platforms)',
  'soak duration (s)',
  'scheduler cadences completed (hourly, offset clock)',
  'sync jobs succeeded / enqueued',
  'sync throughput (jobs/s, 2 workers)',
  ...['web', 'worker-1', 'worker-2'].flatMap((process) => [
    `${process} live heap after a full GC, warm-up end → soak end (MB)`,
    `${process} heap floor slope after warm-up (MB/min), minutes`,
    `${process} RSS peak (MB), samples`,
    `${process} RSS slope after warm-up (MB/min); median start → end (MB)`,
  ]),
  'credentials over 10 requests in a sliding second',
  'credential-seconds over 10 requests (calendar)',
  'most requests by one credential in 1 s',
  'oldest waiting sync job (s)',
  'longest running sync job (s)',
  'stuck-queue alerts sent by the alert monitor',
  'dashboard reads answered 2xx',
  'dashboard reads 5xx or no answer',
  'dashboard read latency p50 / p95 (ms)',
  'job streams (SSE) opened / events / failures',
];

/** Rows that must pass at any size (memory growth needs the full run's minutes to mean anything). */
const invariants = expectedRows.filter((name) => !/RSS|heap/.test(name));

describe('soak (smoke size)', () => {
  it('runs `soak/main.ts --size=smoke` to the end and writes soak-ci.json with every row', async () => {
    // The real script in its own process, as `pnpm test:soak --size=smoke` runs it: its own emulators,
    // the sandbox, `next dev`, two workers.
    const path = resultsPath('soak', 'ci');
    await rm(path, { force: true });
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', 'soak/main.ts', '--size=smoke'], {
      cwd: workerDir,
      env: process.env,
      timeout: 540_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    const { stdout } = await run.catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(`the soak failed:\n${error.stdout ?? ''}\n${error.stderr ?? ''}`);
    });
    const report = ReliabilityResultSchema.parse(JSON.parse(await readFile(path, 'utf8')));
    expect(report.suite).toBe('soak');
    expect(report.size).toBe('ci');
    expect(report.rows.map((row) => row.name)).toEqual(expectedRows);
    const failing = report.rows.filter((row) => invariants.includes(row.name) && !row.pass);
    expect(failing, stdout).toEqual([]);
  }, 600_000);
});
