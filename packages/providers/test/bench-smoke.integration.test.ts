import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { providerIds } from '@cohorts/core/contract';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('bench script (smoke size)', () => {
  it('runs `scripts/bench.ts --smoke` to the end and prints the limiter rate and a fetch per platform', async () => {
    // The real script in its own process, as `pnpm bench` runs it: a moved export or a changed API fails here.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/bench.ts', '--smoke'],
      { cwd: packageDir, env: process.env, timeout: 240_000 },
    );
    const rate = /median achieved: ([\d.]+) req\/s per credential/.exec(stdout);
    expect(rate, stdout).not.toBeNull();
    expect(Number(rate?.[1])).toBeGreaterThan(0);
    for (const providerId of providerIds) {
      const fetch = new RegExp(
        `^\\s+${providerId}\\s+([\\d.]+) s \\((\\d+) accounts, (\\d+) campaign-days`,
        'm',
      ).exec(stdout);
      expect(fetch, `${providerId} in:\n${stdout}`).not.toBeNull();
      expect(Number(fetch?.[1])).toBeGreaterThan(0);
      expect(Number(fetch?.[3])).toBeGreaterThan(0);
    }
  }, 300_000);
});
