import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const workerDir = fileURLToPath(new URL('../..', import.meta.url));

export interface WorkerProcess {
  child: ChildProcess;
  pid: number;
  port: number;
  exited: Promise<number | null>;
  output(): string;
}

/**
 * Starts `src/main.ts` as its own Node process (`node --import tsx`, so the pid is the worker's
 * own and a SIGKILL really kills it).
 */
export function spawnWorker(env: Record<string, string>, port: number): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: workerDir,
    env: { ...process.env, ...env, WORKER_HEALTH_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  if (child.pid === undefined) throw new Error('the worker process did not start');
  return { child, pid: child.pid, port, exited, output: () => output };
}

/** True once `/readyz` answers 200 (Redis, Firestore and the sync worker up). */
export async function isReady(worker: WorkerProcess): Promise<boolean> {
  if (worker.child.exitCode !== null) {
    throw new Error(
      `worker ${worker.pid} exited with ${worker.child.exitCode}: ${worker.output().slice(-2000)}`,
    );
  }
  try {
    const response = await fetch(`http://127.0.0.1:${worker.port}/readyz`);
    return response.status === 200;
  } catch {
    return false;
  }
}
