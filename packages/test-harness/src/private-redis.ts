import { type ChildProcess, spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from './ports';
import { waitFor } from './wait-for';

/**
 * A redis-server of its own (never the shared 6379) for the chaos run and the tests that FLUSHALL
 * or restart Redis. `restart()` brings it back on the same port, empty, as after a crash without
 * persistence.
 */
export interface PrivateRedis {
  url: string;
  restart(): Promise<void>;
  flushAll(): Promise<void>;
  stop(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess = await launch(port, url);
  return {
    url,
    async restart() {
      await kill(child, 'SIGKILL');
      child = await launch(port, url);
    },
    async flushAll() {
      const client = new Redis(url, { maxRetriesPerRequest: 1 });
      try {
        await client.flushall();
      } finally {
        client.disconnect();
      }
    },
    async stop() {
      await kill(child, 'SIGTERM');
    },
  };
}

async function launch(port: number, url: string): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  let spawnError: Error | null = null;
  child.once('error', (error) => {
    spawnError = new Error(`cannot start redis-server (needed on PATH): ${error.message}`);
  });
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => {}); // refused until the server is up
  await waitFor(
    async () => {
      if (spawnError) throw spawnError;
      try {
        if (probe.status !== 'ready') await probe.connect();
        return (await probe.ping()) === 'PONG';
      } catch {
        probe.disconnect();
        return false;
      }
    },
    { timeoutMs: 10_000, what: 'the private redis-server' },
  );
  probe.disconnect();
  return child;
}

async function kill(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}
