import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BenchResultsSchema } from '../scripts/bench/table';

const workerDir = fileURLToPath(new URL('..', import.meta.url));
const rows = ['limiter', 'fan-out', 'pipeline', 'backfill', 'live status', 'dashboard', 'scale-out'];

describe('pnpm bench at smoke size', () => {
  it('prints and writes all seven rows, each a finite ratio against a limit measured in the run', async () => {
    // The real script in its own process, as `pnpm bench` runs it (it spawns workers and children),
    // against this run's emulators and Redis (their addresses are in the env).
    const out = await mkdtemp(join(tmpdir(), 'bench-'));
    try {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', 'scripts/bench/main.ts', '--size=smoke', `--out=${out}`],
        { cwd: workerDir, env: process.env, timeout: 540_000, maxBuffer: 16 * 1024 * 1024 },
      );
      const results = BenchResultsSchema.parse(JSON.parse(await readFile(join(out, 'results.json'), 'utf8')));
      expect(results.size).toBe('smoke');
      expect(results.rows.map((row) => row.row)).toEqual(rows);
      for (const row of results.rows) {
        expect(Number.isFinite(row.ratio) && row.ratio > 0, `${row.row}: ${JSON.stringify(row)}`).toBe(true);
        expect(row.figure, row.row).toMatch(/\d/);
        expect(row.limit, row.row).toMatch(/\d/);
        expect(stdout, row.row).toMatch(new RegExp(`^\\| ${row.row} +\\| `, 'm'));
      }
      // The fan-out's correctness is not a matter of load: every due integration got exactly one job.
      expect(results.rows[1]?.notes).toMatch(
        /jobs created 250 \(syncJobs documents 250, BullMQ jobs 250\), errors 0; second run created 0/,
      );
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 600_000);
});
