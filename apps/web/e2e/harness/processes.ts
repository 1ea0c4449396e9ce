import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** A child process of the e2e stack: its output goes to a log file, its process group can be stopped. */
export interface StackProcess {
  name: string;
  child: ChildProcess;
  logPath: string;
  /** True while it has not exited. */
  alive(): boolean;
  /** The last lines it printed, for error messages. */
  tail(): string;
  stop(timeoutMs?: number): Promise<void>;
}

export interface SpawnOptions {
  cwd: string;
  env: Record<string, string>;
  logDir: string;
}

/** Starts `command` in a process group of its own (so `stop` also ends what it starts, e.g. Next's workers). */
export function spawnLogged(
  name: string,
  command: string,
  args: string[],
  options: SpawnOptions,
): StackProcess {
  mkdirSync(options.logDir, { recursive: true });
  const logPath = join(options.logDir, `${name}.log`);
  const log = createWriteStream(logPath);
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let recent = '';
  const keep = (chunk: Buffer) => {
    log.write(chunk);
    recent = (recent + chunk.toString()).slice(-3_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('error', (error) => keep(Buffer.from(`\n${name} failed to start: ${error.message}\n`)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    name,
    child,
    logPath,
    alive,
    tail: () => recent,
    async stop(timeoutMs = 10_000) {
      if (!alive() || child.pid === undefined) return;
      const pid = child.pid;
      const signal = (sig: NodeJS.Signals) => {
        try {
          process.kill(-pid, sig);
        } catch {
          // the group is already gone
        }
      };
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(timer);
      log.end();
    },
  };
}

/** Runs a command to completion (its output in a log file); rejects with the output's tail on failure. */
export async function runLogged(name: string, command: string, args: string[], options: SpawnOptions) {
  const process = spawnLogged(name, command, args, options);
  const code = await new Promise<number | null>((resolve) => process.child.once('exit', resolve));
  if (code !== 0) throw new Error(`${name} exited with ${code}; see ${process.logPath}:\n${process.tail()}`);
}

/** Polls `url` until it answers 2xx, failing early when `owner` exits. */
export async function waitUntilServing(url: string, owner: StackProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (!owner.alive()) throw new Error(`${owner.name} exited before ${url} answered:\n${owner.tail()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
      last = `HTTP ${response.status}: ${(await response.text()).slice(0, 500)}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms (last: ${last}); see ${owner.logPath}`);
}
