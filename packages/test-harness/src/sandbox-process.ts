import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './ports';
import { spawnLogged, waitUntilServing } from './processes';

const sandboxDir = fileURLToPath(new URL('../../../apps/sandbox', import.meta.url));

/** The ad platform sandbox serving from a process of its own (`apps/sandbox/src/main.ts`). */
export interface SandboxProcess {
  /** `http://127.0.0.1:PORT`: the `ADS_SANDBOX_URL` for connectors. */
  url: string;
  /** Where its output went, for error messages. */
  logPath: string;
  close(): Promise<void>;
}

/**
 * Starts the sandbox in its own process, as a platform is: a run whose own event loop is busy
 * (the chaos run reads every job at each step) would otherwise delay when the sandbox stamps a
 * request's arrival, and its meter would see sends bunched that left the workers evenly spaced.
 * Its clock starts at `clockStartAt` when the process boots, a moment before this resolves.
 */
export async function startSandboxProcess(options: { clockStartAt?: string }): Promise<SandboxProcess> {
  const port = await freePort();
  const logDir = await mkdtemp(join(tmpdir(), 'sandbox-process-'));
  const sandbox = spawnLogged('sandbox', process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: sandboxDir,
    env: {
      SANDBOX_PORT: String(port),
      SANDBOX_HOST: '127.0.0.1',
      ...(options.clockStartAt && { CLOCK_START_AT: options.clockStartAt }),
    },
    logDir,
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilServing(`${url}/__sandbox/health`, sandbox, 60_000);
  } catch (error) {
    await sandbox.stop();
    throw error;
  }
  return { url, logPath: sandbox.logPath, close: () => sandbox.stop() };
}
