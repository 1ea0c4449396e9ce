import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('bench script (smoke size)', () => {
  it('runs `scripts/bench.ts --smoke` to the end and prints a rate and latency per endpoint', async () => {
    // The real script in its own process, as `pnpm bench` runs it: a moved export or a changed API fails here.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/bench.ts', '--smoke'],
      { cwd: packageDir, env: process.env, timeout: 120_000 },
    );
    const figures = [...stdout.matchAll(/^(.+?)\s+(\d+) req\/s\s+p50\s+([\d.]+) ms/gm)].map((m) => ({
      endpoint: m[1]?.trim(),
      rate: Number(m[2]),
      p50: Number(m[3]),
    }));
    expect(figures.map((f) => f.endpoint)).toEqual([
      'google searchStream, 90 days x 5 campaigns',
      'meta insights, 31 days x 5 campaigns, one page',
      'linkedin adAnalytics, 90 days x 5 campaigns',
      'tiktok report, 30 days x 5 campaigns, one page',
    ]);
    for (const figure of figures) {
      expect(figure.rate).toBeGreaterThan(0);
      expect(figure.p50).toBeGreaterThan(0);
    }
  }, 150_000);
});
