/**
 * `pnpm --filter @cohorts/providers bench` (also run by the root `pnpm bench`). Needs Redis.
 *
 * 1. Limiter: 3 OS processes x 4 concurrent callers hammer ONE credential with real Google Ads API
 *    calls to the sandbox for 5 s; the sandbox's meter says what arrived. Prints each run and the
 *    median achieved req/s per credential, with the seconds above 10 (calendar and sliding).
 * 2. 90-day fetch: per platform, link through the sandbox's consent, list the accounts and time
 *    `fetchDailyMetrics` over the last 90 days of every account (median of 3 runs).
 */
import { randomUUID } from 'node:crypto';
import { addDays, localDateIn, type ProviderId, providerIds } from '@cohorts/core/contract';
import { startSandbox } from '@cohorts/sandbox';
import { Redis } from 'ioredis';
import { googleAdsApiVersion } from '../src/platforms/google/config';
import { hammer } from '../test/support/hammer';
import { linkThroughConsent, sandboxConnectors, sandboxControl } from '../test/support/sandbox';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const limiterRuns = Number(process.env.BENCH_RUNS ?? 5);
const fetchRuns = 3;
const durationMs = 5000;

interface MeterEntry {
  accessTokens: string[];
  total: number;
  maxPerCalendarSecond: number;
  maxPerSlidingSecond: number;
  secondsAbove10: unknown[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
const sandbox = await startSandbox({ port: 0 });

async function benchLimiter(): Promise<void> {
  console.log(
    `limiter: 3 processes x 4 callers on one credential, ${durationMs / 1000} s per run, ${limiterRuns} runs`,
  );
  const rates: number[] = [];
  for (let run = 1; run <= limiterRuns; run++) {
    const { credentialId, tokens } = await linkThroughConsent(sandboxConnectors(sandbox, redis).google);
    await hammer({
      processes: 3,
      concurrency: 4,
      durationMs,
      redisUrl,
      prefix: `bench-limiter-${randomUUID().slice(0, 8)}`,
      credential: credentialId,
      url: `${sandbox.url}/googleads.googleapis.com/${googleAdsApiVersion}/customers:listAccessibleCustomers`,
      headers: { authorization: `Bearer ${tokens.accessToken}`, 'developer-token': 'bench' },
      warmupUrl: `${sandbox.url}/__sandbox/health`,
    });
    const { credentials } = await sandboxControl<{ credentials: MeterEntry[] }>(sandbox, 'meter');
    const meter = credentials.find((entry) => entry.accessTokens.includes(tokens.accessToken));
    if (!meter) throw new Error('the sandbox metered no request for the bench credential');
    const rate = meter.total / (durationMs / 1000);
    rates.push(rate);
    console.log(
      `  run ${run}: ${rate.toFixed(2)} req/s at the sandbox meter; seconds above 10: ${meter.secondsAbove10.length}; ` +
        `max per calendar second ${meter.maxPerCalendarSecond}, per sliding second ${meter.maxPerSlidingSecond}`,
    );
  }
  console.log(`  median achieved: ${median(rates).toFixed(2)} req/s per credential (grid ceiling 9.50)`);
}

async function benchFetch(providerId: ProviderId): Promise<void> {
  const times: number[] = [];
  let summary = '';
  for (let run = 1; run <= fetchRuns; run++) {
    const connector = sandboxConnectors(sandbox, redis)[providerId];
    const { credentialId, tokens } = await linkThroughConsent(connector);
    const credential = { credentialId, tokens };
    const accounts = (await connector.listAdAccounts(credential)).filter((a) => !a.isManager);
    const windows = accounts.map((account) => {
      const end = addDays(localDateIn(account.timeZone, new Date()), -1);
      return { account, start: addDays(end, -89), end };
    });
    const started = performance.now();
    const results = await connector.fetchDailyMetrics(credential, { windows });
    times.push(performance.now() - started);
    const records = results.reduce((sum, r) => sum + (r.ok ? r.records.length : 0), 0);
    const requests = results.reduce((sum, r) => sum + (r.ok ? r.raw.length : 0), 0);
    summary = `${accounts.length} accounts, ${records} campaign-days, ${requests} responses`;
  }
  console.log(`  ${providerId.padEnd(8)} ${(median(times) / 1000).toFixed(2)} s (${summary})`);
}

try {
  await benchLimiter();
  console.log(`90-day fetch through the sandbox (median of ${fetchRuns}, limiter included):`);
  for (const providerId of providerIds) await benchFetch(providerId);
} finally {
  await sandbox.close();
  redis.disconnect();
}
