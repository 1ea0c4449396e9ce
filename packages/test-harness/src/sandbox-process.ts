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
  close(): Promise<void>;
}

/**
 * Starts the sandbox in its own process behind its edge (`apps/sandbox/src/edge.ts`), a second
 * process that stamps each request's arrival and forwards it: the sandbox's meter then counts a
 * request when it reached the edge. In the run's own process, or alone in its own, the sandbox
 * stamps a request only when its event loop gets to it, tens of ms late while it builds a big
 * report or waits for a core, and its meter would see sends bunched that left the workers evenly
 * spaced. Its clock starts at `clockStartAt` when the process boots, a moment before this resolves.
 */
export async function startSandboxProcess(options: { clockStartAt?: string }): Promise<SandboxProcess> {
  const [sandboxPort, edgePort] = [await freePort(), await freePort()];
  const logDir = await mkdtemp(join(tmpdir(), 'sandbox-process-'));
  const upstreamUrl = `http://127.0.0.1:${sandboxPort}`;
  const url = `http://127.0.0.1:${edgePort}`;
  const sandbox = spawnLogged('sandbox', process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: sandboxDir,
    env: {
      SANDBOX_PORT: String(sandboxPort),
      SANDBOX_HOST: '127.0.0.1',
      ...(options.clockStartAt && { CLOCK_START_AT: options.clockStartAt }),
    },
    logDir,
  });
  const edge = spawnLogged('sandbox-edge', process.execPath, ['--import', 'tsx', 'src/edge-main.ts'], {
    cwd: sandboxDir,
    env: { EDGE_PORT: String(edgePort), SANDBOX_UPSTREAM_URL: upstreamUrl },
    logDir,
  });
  const close = async () => {
    await Promise.all([edge.stop(), sandbox.stop()]);
  };
  try {
    await waitUntilServing(`${upstreamUrl}/__sandbox/health`, sandbox, 60_000);
    await waitUntilServing(`${url}/__sandbox/health`, edge, 60_000);
  } catch (error) {
    await close();
    throw error;
  }
  return { url, close };
}
