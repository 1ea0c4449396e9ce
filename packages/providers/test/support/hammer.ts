import { fileURLToPath } from 'node:url';
import { spawnStartTogether } from '@cohorts/test-harness';
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

/**
 * Starts `processes` separate Node processes hammering one credential from a common start time,
 * set once every one of them has booted and warmed up (a fixed head start fails on a loaded machine).
 */
export async function hammer(options: HammerOptions): Promise<{ startAt: number; outputs: HammerOutput[] }> {
  const args = [
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
  const children = Array.from({ length: options.processes }, () =>
    spawnStartTogether('hammer process', script, args),
  );
  const outputs = Promise.all(
    children.map(async (child) => {
      const line = await child.lastLine;
      try {
        return HammerOutputSchema.parse(JSON.parse(line));
      } catch (error) {
        throw new Error(`unreadable hammer output: ${line.slice(-500)} ${String(error)}`);
      }
    }),
  );
  await Promise.all(children.map((child) => child.ready));
  const startAt = Date.now() + (options.leadMs ?? 300);
  for (const child of children) child.start(startAt);
  return { startAt, outputs: await outputs };
}
