import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { waitForHttp } from './ports';

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
  /** Set on top of this process's environment (which the child inherits). */
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
    env: { ...process.env, ...options.env },
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

/** The harness's `waitForHttp` (2xx, failing early when `owner` exits), naming the owner's log on failure. */
export async function waitUntilServing(url: string, owner: StackProcess, timeoutMs: number): Promise<void> {
  try {
    await waitForHttp(url, timeoutMs, () => owner.alive());
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${owner.name}: ${reason}; see ${owner.logPath}\n${owner.tail()}`);
  }
}

/**
 * A Node child started to run in step with its siblings: it prints `ready` once booted and warm,
 * reads one start time (epoch ms) on stdin, and ends by printing its result as its last stdout line.
 */
export interface StartTogetherChild {
  /** Rejects when the child exits before saying ready. */
  ready: Promise<void>;
  start(atMs: number): void;
  /** The child's last stdout line; rejects when it exits non-zero. */
  lastLine: Promise<string>;
}

/** Runs `script` under tsx as a `StartTogetherChild` (`label` names it in errors). */
export function spawnStartTogether(label: string, script: string, args: string[]): StartTogetherChild {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let markReady: () => void = () => undefined;
  const saidReady = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.includes('ready\n')) markReady();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const lastLine = new Promise<string>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`${label} exited ${code}: ${stderr.slice(-2000)}`));
      resolve(stdout.trim().split('\n').at(-1) ?? '');
    });
  });
  const endedEarly = lastLine.then(() => Promise.reject(new Error(`${label} ended before it was ready`)));
  return {
    ready: Promise.race([saidReady, endedEarly]),
    start: (atMs) => child.stdin.end(`${atMs}\n`),
    lastLine,
  };
}
