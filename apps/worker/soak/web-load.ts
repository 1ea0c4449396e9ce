import { waitFor } from '@cohorts/test-harness';
import type { SeededUser } from './seed';

/** What the dashboard load saw from the web app. */
export interface WebLoadStats {
  reads: number;
  readsOk: number;
  /** Answers by status class; a soak wants 0 5xx and 0 network errors. */
  reads4xx: number;
  reads5xx: number;
  readErrors: number;
  readLatenciesMs: number[];
  /** Job streams (`jobs.onChange` over SSE) opened, job events received on them, streams that failed. */
  streamsOpened: number;
  streamEvents: number;
  streamFailures: number;
  /** The first few failures, for the report. */
  failureSamples: string[];
}

export interface WebLoadOptions {
  webUrl: string;
  cronSecret: string;
  users: readonly SeededUser[];
  /** Dashboard reads started per second (each a 30-day `metrics.daily` or `GET /api/metrics`). */
  readsPerSecond: number;
  /** Reads in flight at most; a slower app gets fewer, not a pile-up. */
  maxInFlight: number;
  /** Each watcher holds its job stream this long, then hangs up and opens a new one. */
  streamSeconds: number;
  /** Inclusive dates of the reads. */
  range: { from: string; to: string };
  /** Random source (seeded for a reproducible mix of users). */
  random: () => number;
}

/**
 * Waits until the routes the load uses answer (under `next dev` each compiles on its first request,
 * which must not happen inside the measured soak).
 */
export async function warmUpWeb(options: Pick<WebLoadOptions, 'webUrl' | 'cronSecret' | 'users' | 'range'>) {
  const watcher = options.users.find((user) => user.idToken);
  const reader = options.users.find((user) => !user.idToken) ?? options.users[0];
  const answers = async (url: string, headers: Record<string, string>) => {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(60_000) });
    await response.body?.cancel();
    return response.status === 200;
  };
  const urls: Array<[string, Record<string, string>]> = [];
  if (reader) {
    urls.push([
      `${options.webUrl}/api/metrics?${new URLSearchParams({ ...options.range, userId: reader.uid })}`,
      { 'x-cron-key': options.cronSecret },
    ]);
  }
  if (watcher?.idToken) {
    const input = encodeURIComponent(JSON.stringify(options.range));
    urls.push([
      `${options.webUrl}/api/trpc/metrics.daily?input=${input}`,
      { authorization: `Bearer ${watcher.idToken}` },
    ]);
  }
  for (const [url, headers] of urls) {
    await waitFor(() => answers(url, headers), {
      timeoutMs: 240_000,
      intervalMs: 1000,
      what: `${url} to answer 200`,
    });
  }
}

/** The sandbox's seeded PRNG (mulberry32), so a run reads the same users in the same order. */
export { mulberry32 as seededRandom } from '@cohorts/sandbox';

/**
 * Dashboard traffic while the soak runs: reads of random users' daily metrics (watchers through
 * tRPC `metrics.daily` with their ID token, the others through `GET /api/metrics` with the cron key
 * and `userId`), and every watcher keeping its `jobs.onChange` stream open, reconnecting every
 * `streamSeconds` (so listeners are opened and released all run long). `stop()` ends it and returns
 * what it saw.
 */
export function startWebLoad(options: WebLoadOptions): { stop(): Promise<WebLoadStats> } {
  const stats: WebLoadStats = {
    reads: 0,
    readsOk: 0,
    reads4xx: 0,
    reads5xx: 0,
    readErrors: 0,
    readLatenciesMs: [],
    streamsOpened: 0,
    streamEvents: 0,
    streamFailures: 0,
    failureSamples: [],
  };
  const noteFailure = (text: string) => {
    if (stats.failureSamples.length < 10) stats.failureSamples.push(text.slice(0, 300));
  };
  const stopping = new AbortController();
  const pending = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    pending.add(work);
    void work.finally(() => pending.delete(work));
  };

  const pick = () => options.users[Math.floor(options.random() * options.users.length)];
  const read = async () => {
    const user = pick();
    if (!user) return;
    const started = performance.now();
    try {
      const response = user.idToken
        ? await fetch(
            `${options.webUrl}/api/trpc/metrics.daily?input=${encodeURIComponent(JSON.stringify(options.range))}`,
            { headers: { authorization: `Bearer ${user.idToken}` }, signal: stopping.signal },
          )
        : await fetch(
            `${options.webUrl}/api/metrics?${new URLSearchParams({ ...options.range, userId: user.uid })}`,
            { headers: { 'x-cron-key': options.cronSecret }, signal: stopping.signal },
          );
      const body = await response.text();
      stats.reads += 1;
      stats.readLatenciesMs.push(performance.now() - started);
      if (response.status < 300) stats.readsOk += 1;
      else if (response.status < 500) stats.reads4xx += 1;
      else stats.reads5xx += 1;
      if (response.status >= 300) noteFailure(`read ${response.status}: ${body}`);
    } catch (error) {
      // A read still in flight when the load stops is not counted either way.
      if (stopping.signal.aborted) return;
      stats.reads += 1;
      stats.readErrors += 1;
      noteFailure(`read failed: ${String(error)}`);
    }
  };

  let inFlight = 0;
  const reader = setInterval(
    () => {
      if (inFlight >= options.maxInFlight) return;
      inFlight += 1;
      track(read().finally(() => (inFlight -= 1)));
    },
    Math.max(1, Math.round(1000 / options.readsPerSecond)),
  );

  const watch = async (user: SeededUser, idToken: string) => {
    while (!stopping.signal.aborted) {
      const hangUp = AbortSignal.any([stopping.signal, AbortSignal.timeout(options.streamSeconds * 1000)]);
      try {
        const response = await fetch(
          `${options.webUrl}/api/trpc/jobs.onChange?input=${encodeURIComponent(JSON.stringify({ limit: 20 }))}`,
          { headers: { authorization: `Bearer ${idToken}`, accept: 'text/event-stream' }, signal: hangUp },
        );
        if (response.status !== 200 || !response.body) {
          stats.streamFailures += 1;
          noteFailure(`stream for ${user.uid} answered ${response.status}: ${await response.text()}`);
          await pause(1000, stopping.signal);
          continue;
        }
        stats.streamsOpened += 1;
        stats.streamEvents += await countJobEvents(response.body);
      } catch (error) {
        // Our own hang-up ends the stream with an abort; anything else is a failure.
        if (!hangUp.aborted) {
          stats.streamFailures += 1;
          noteFailure(`stream for ${user.uid} failed: ${String(error)}`);
          await pause(1000, stopping.signal);
        }
      }
    }
  };
  for (const user of options.users) if (user.idToken) track(watch(user, user.idToken));

  return {
    async stop() {
      clearInterval(reader);
      stopping.abort();
      await Promise.allSettled([...pending]);
      return stats;
    },
  };
}

/** Waits `ms` before a failed stream is opened again (not a hammering loop), or less if the load stops. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Counts the job events of a tRPC SSE stream until it ends: messages with `data:` and no `event:`
 * line (tRPC names its control messages, e.g. `event: connected`, `event: ping`).
 */
async function countJobEvents(body: ReadableStream<Uint8Array>): Promise<number> {
  const decoder = new TextDecoder();
  let buffer = '';
  let events = 0;
  const count = (message: string) => {
    const lines = message.split('\n');
    if (lines.some((line) => line.startsWith('data:')) && !lines.some((line) => line.startsWith('event:')))
      events += 1;
  };
  try {
    for await (const chunk of body) {
      buffer += decoder.decode(chunk, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        count(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
      }
    }
  } catch (error) {
    if (!(error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')))
      throw error;
  }
  return events;
}
