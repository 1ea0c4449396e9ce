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
  /** Time for the processes to boot before the common start. */
  bootMs?: number;
}

/** Starts `processes` separate Node processes hammering one credential from a common start time. */
export async function hammer(options: HammerOptions): Promise<{ startAt: number; outputs: HammerOutput[] }> {
  const startAt = Date.now() + (options.bootMs ?? 4000);
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
    '--start-at',
    String(startAt),
    '--duration-ms',
    String(options.durationMs),
    '--concurrency',
    String(options.concurrency),
    ...(options.url ? ['--url', options.url] : []),
    ...(options.warmupUrl ? ['--warmup-url', options.warmupUrl] : []),
    ...Object.entries(options.headers ?? {}).flatMap(([name, value]) => ['--header', `${name}:${value}`]),
  ];
  const outputs = await Promise.all(
    Array.from(
      { length: options.processes },
      () =>
        new Promise<HammerOutput>((resolve, reject) => {
          const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
          let stdout = '';
          let stderr = '';
          child.stdout.on('data', (chunk: Buffer) => {
            stdout += chunk.toString();
          });
          child.stderr.on('data', (chunk: Buffer) => {
            stderr += chunk.toString();
          });
          child.on('error', reject);
          child.on('exit', (code) => {
            if (code !== 0) return reject(new Error(`hammer process exited ${code}: ${stderr.slice(-2000)}`));
            try {
              resolve(HammerOutputSchema.parse(JSON.parse(stdout.trim().split('\n').at(-1) ?? '')));
            } catch (error) {
              reject(
                new Error(
                  `unreadable hammer output: ${stdout.slice(-500)} ${stderr.slice(-500)} ${String(error)}`,
                ),
              );
            }
          });
        }),
    ),
  );
  return { startAt, outputs };
}
