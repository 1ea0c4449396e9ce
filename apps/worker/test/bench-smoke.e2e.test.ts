import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { providerIds } from '@cohorts/core';
import { describe, expect, it } from 'vitest';

const workerDir = fileURLToPath(new URL('..', import.meta.url));

describe('bench script (smoke size)', () => {
  it('runs `scripts/bench.ts --smoke` to the end: a backfill per platform, then the single-backfill median', async () => {
    // The real script in its own process (it spawns two workers), as `pnpm bench` runs it, against this
    // run's emulator and Redis (their addresses are in the env): a moved export or a changed API fails here.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/bench.ts', '--smoke'],
      { cwd: workerDir, env: process.env, timeout: 240_000 },
    );
    const throughput = /throughput: (\d+) initial backfills \(\d+ days\) in [\d.]+ s = ([\d.]+) jobs\/s/.exec(
      stdout,
    );
    expect(throughput, stdout).not.toBeNull();
    expect(Number(throughput?.[1])).toBe(providerIds.length);
    expect(Number(throughput?.[2])).toBeGreaterThan(0);
    const single = /enqueue to success: median ([\d.]+) s over 1 runs/.exec(stdout);
    expect(single, stdout).not.toBeNull();
    expect(Number(single?.[1])).toBeGreaterThan(0);
  }, 300_000);
});
