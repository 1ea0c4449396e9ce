import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('bench script (smoke size)', () => {
  it('runs `bench/scheduler-fanout.ts --smoke` to the end: every seeded tenant enqueued, then none due', async () => {
    // The real script in its own process, as `pnpm bench` runs it, against this run's emulator and
    // Redis (their addresses are in the env): a moved export or a changed API fails here.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', 'bench/scheduler-fanout.ts', '--smoke'],
      { cwd: packageDir, env: process.env, timeout: 120_000 },
    );
    const tenants = Number(/scheduleAllUsers over (\d+) tenants/.exec(stdout)?.[1]);
    expect(tenants, stdout).toBeGreaterThan(0);
    const run = (label: string) => {
      const match = new RegExp(
        `^${label}: examined (\\d+), enqueued (\\d+),.* \\| (\\d+) integrations/s`,
        'm',
      ).exec(stdout);
      expect(match, `${label} in:\n${stdout}`).not.toBeNull();
      return { examined: Number(match?.[1]), enqueued: Number(match?.[2]), rate: Number(match?.[3]) };
    };
    const due = run('due run \\(all due\\)');
    expect(due).toMatchObject({ examined: tenants, enqueued: tenants });
    expect(due.rate).toBeGreaterThan(0);
    expect(run('second run \\(nothing due\\)').enqueued).toBe(0);
  }, 150_000);
});
