import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const script = fileURLToPath(new URL('../../scripts/limiter-hammer.ts', import.meta.url));
const HammerOutputSchema = z.object({ sends: z.array(z.number()), errors: z.number() });
export type HammerOutput = z.infer<typeof HammerOutputSchema>;

export interface HammerOptions {
  processes: number;
  concurrency: number;
  durationMs: number;
  redisUrl: string;
  prefix: string;
  credential: string;
  url?: string;
  warmupUrl?: string;
  headers?: Record<string, string>;
  /** Lead from the moment every process is ready to the common start. */
  leadMs?: number;
}

interface HammerProcess {
  ready: Promise<void>;
  start(atMs: number): void;
  output: Promise<HammerOutput>;
}

/**
 * Starts `processes` separate Node processes hammering one credential from a common start time,
 * set once every one of them has booted and warmed up (a fixed head start fails on a loaded machine).
 */
export async function hammer(options: HammerOptions): Promise<{ startAt: number; outputs: HammerOutput[] }> {
  const args = [
    '--import',
    'tsx',
    script,
    '--redis',
    options.redisUrl,
    '--prefix',
    options.prefix,
    '--credential',
    options.credential,
    '--duration-ms',
    String(options.durationMs),
    '--concurrency',
    String(options.concurrency),
    ...(options.url ? ['--url', options.url] : []),
    ...(options.warmupUrl ? ['--warmup-url', options.warmupUrl] : []),
    ...Object.entries(options.headers ?? {}).flatMap(([name, value]) => ['--header', `${name}:${value}`]),
  ];
  const children = Array.from({ length: options.processes }, () => spawnHammer(args));
  const outputs = Promise.all(children.map((child) => child.output));
  // A child that dies while booting rejects `outputs` before it would ever be ready.
  await Promise.race([Promise.all(children.map((child) => child.ready)), outputs]);
  const startAt = Date.now() + (options.leadMs ?? 300);
  for (const child of children) child.start(startAt);
  return { startAt, outputs: await outputs };
}

function spawnHammer(args: string[]): HammerProcess {
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.startsWith('ready\n')) markReady();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const output = new Promise<HammerOutput>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`hammer process exited ${code}: ${stderr.slice(-2000)}`));
      try {
        resolve(HammerOutputSchema.parse(JSON.parse(stdout.trim().split('\n').at(-1) ?? '')));
      } catch (error) {
        reject(
          new Error(`unreadable hammer output: ${stdout.slice(-500)} ${stderr.slice(-500)} ${String(error)}`),
        );
      }
    });
  });
  return {
    ready,
    start: (atMs) => child.stdin.end(`${atMs}\n`),
    output,
  };
}
