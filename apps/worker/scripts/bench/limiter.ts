import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createCodeVerifier, googleAdsApiVersion } from '@cohorts/providers';
import { driveConsent, type MeterEntry, sandboxControl } from '@cohorts/sandbox';
import { sandboxLogins } from '@cohorts/sync/testing';
import { redisUrl, spawnStartTogether } from '@cohorts/test-harness';
import { z } from 'zod';
import type { BenchContext } from './context';
import type { BenchRow } from './table';

const childScript = fileURLToPath(new URL('./limiter-child.ts', import.meta.url));
const PROCESSES = 2;
const PER_SECOND = 10;

export interface LimiterSize {
  credentials: number;
  durationMs: number;
  /** Callers per credential in each process: every credential always has a request waiting. */
  callersPerCredential: number;
}

async function grant(context: BenchContext, index: number) {
  const connector = context.e2e.connectors.google;
  const codeVerifier = createCodeVerifier();
  const callback = await driveConsent(
    connector.buildAuthorizeUrl({ state: `bench-${index}`, codeVerifier }),
    { login: sandboxLogins.ada },
  );
  const code = callback.searchParams.get(connector.callbackCodeParam) ?? '';
  const credentialId = `google:bench-limiter-${index}-${randomUUID().slice(0, 8)}`;
  const tokens = await connector.exchangeCode({ code, codeVerifier, credentialId });
  return { credentialId, accessToken: tokens.accessToken };
}

/** One limiter child; resolves to the non-2xx answers it saw. */
function startChild(args: string[]) {
  const child = spawnStartTogether('limiter process', childScript, args);
  const done = child.lastLine.then((line) => z.object({ errors: z.number() }).parse(JSON.parse(line)).errors);
  return { ready: child.ready, start: child.start, done };
}

/**
 * K credentials, each with a backlog of callers in 2 processes, through the shared limiter to the
 * sandbox for a fixed time; the sandbox's meter says what arrived (per calendar and sliding second).
 */
export async function limiterRow(context: BenchContext, size: LimiterSize): Promise<BenchRow> {
  const { sandbox } = context.e2e;
  const credentials = [];
  for (let i = 0; i < size.credentials; i++) credentials.push(await grant(context, i));
  const args = [
    '--redis',
    redisUrl(),
    '--prefix',
    `bench-limiter-${randomUUID().slice(0, 8)}`,
    '--duration-ms',
    String(size.durationMs),
    '--callers',
    String(size.callersPerCredential),
    '--url',
    `${sandbox.url}/googleads.googleapis.com/${googleAdsApiVersion}/customers:listAccessibleCustomers`,
    '--credentials',
    JSON.stringify(credentials),
  ];
  const processes = Array.from({ length: PROCESSES }, () => startChild(args));
  await Promise.all(processes.map((p) => p.ready));
  const startAt = Date.now() + 200;
  for (const p of processes) p.start(startAt);
  const errors = (await Promise.all(processes.map((p) => p.done))).reduce((sum, n) => sum + n, 0);
  const meter = await sandboxControl<{ credentials: MeterEntry[] }>(sandbox.url, 'meter');
  const tokens = new Set(credentials.map((c) => c.accessToken));
  const ours = meter.credentials.filter((entry) => entry.accessTokens.some((token) => tokens.has(token)));
  // The grant's own calls (none: exchangeCode lists nothing) are not in the window; all metered calls are ours.
  const total = ours.reduce((sum, entry) => sum + entry.total, 0);
  const delivered = total / (size.durationMs / 1000);
  const limit = PER_SECOND * size.credentials;
  const calendarAbove = ours.reduce((sum, entry) => sum + entry.secondsAbove10.length, 0);
  const slidingAbove = ours.filter((entry) => entry.maxPerSlidingSecond > PER_SECOND).length;
  const ratio = delivered / limit;
  const slowest =
    ours.length === size.credentials
      ? Math.min(...ours.map((entry) => entry.total)) / (size.durationMs / 1000)
      : 0;
  return {
    row: 'limiter',
    figure: `${delivered.toFixed(1)} req/s`,
    limit: `${limit} req/s (10 x ${size.credentials})`,
    ratio,
    target: '>= 0.95, 0 s above 10',
    pass: ratio >= 0.95 && calendarAbove === 0 && slidingAbove === 0,
    notes:
      `${size.credentials} credentials x ${PROCESSES} processes x ${size.callersPerCredential} callers each, ` +
      `${size.durationMs / 1000} s, ${errors} non-2xx answers; calendar seconds above 10: ${calendarAbove}; credentials with a sliding ` +
      `second above 10: ${slidingAbove}; slowest credential ${slowest.toFixed(2)} req/s. The limiter's slot grid ` +
      'sends 19 per 2 s (9.5/s, a 5 % cushion for jitter), so 0.95 is its ceiling.',
  };
}
