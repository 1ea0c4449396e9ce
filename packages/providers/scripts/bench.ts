/**
 * `pnpm --filter @cohorts/providers bench` (also run by the root `pnpm bench`).
 *
 * 1. Limiter: 3 OS processes x 4 concurrent callers hammer ONE credential for 5 s, several runs.
 *    Prints the requests/s achieved per run and the median, and the seconds above 10 (calendar and
 *    sliding) as the requests' send times show them.
 */
import { randomUUID } from 'node:crypto';
import { hammer } from '../test/support/hammer';
import { maxPerSlidingSecond, secondsAbove } from '../test/support/per-second';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const runs = Number(process.env.BENCH_RUNS ?? 5);
const durationMs = 5000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

async function benchLimiter(): Promise<void> {
  console.log(
    `limiter: 3 processes x 4 callers on one credential, ${durationMs / 1000} s per run, ${runs} runs`,
  );
  const rates: number[] = [];
  for (let run = 1; run <= runs; run++) {
    const { outputs } = await hammer({
      processes: 3,
      concurrency: 4,
      durationMs,
      redisUrl,
      prefix: `bench-limiter-${randomUUID().slice(0, 8)}`,
      credential: 'bench-credential',
    });
    const sends = outputs.flatMap((o) => o.sends);
    const rate = sends.length / (durationMs / 1000);
    rates.push(rate);
    console.log(
      `  run ${run}: ${rate.toFixed(2)} req/s; seconds above 10: ${secondsAbove(sends, 10)} calendar, max sliding second ${maxPerSlidingSecond(sends)}`,
    );
  }
  console.log(`  median achieved: ${median(rates).toFixed(2)} req/s per credential (ceiling 9.50)`);
}

await benchLimiter();
