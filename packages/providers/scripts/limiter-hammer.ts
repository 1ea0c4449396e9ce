/**
 * One OS process hammering one credential through the shared limiter, as a worker would. Started
 * several times at once by the limiter test and the bench. With `--url`, each granted slot sends a
 * real GET there (the sandbox meters arrivals); without it, only the grant times are recorded.
 * Booted and warm, it prints `ready` and reads the common start time (epoch ms) as one line on
 * stdin, so a slow boot never eats into the measured run. Ends by printing one JSON line:
 * `{ "sends": [epoch ms, ...], "errors": n }`.
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { CredentialRateLimiter } from '../src/http/credential-limiter';
import { sleep } from '../src/http/sleep';

const { values } = parseArgs({
  options: {
    redis: { type: 'string', default: 'redis://127.0.0.1:6379' },
    prefix: { type: 'string' },
    credential: { type: 'string' },
    'duration-ms': { type: 'string', default: '5000' },
    concurrency: { type: 'string', default: '4' },
    url: { type: 'string' },
    /** Fetched once before the start, as a long-running worker's HTTP client is already warm. */
    'warmup-url': { type: 'string' },
    header: { type: 'string', multiple: true, default: [] },
  },
});
if (!values.prefix || !values.credential) {
  throw new Error('usage: limiter-hammer --prefix P --credential C [--url U] (start time on stdin)');
}
const credential = values.credential;
const headers = Object.fromEntries(
  values.header.map((h) => h.split(/:(.*)/s).slice(0, 2) as [string, string]),
);

const redis = new Redis(values.redis, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
const limiter = new CredentialRateLimiter({ redis, keyPrefix: values.prefix, maxWaitMs: 60_000 });
const sends: number[] = [];
let errors = 0;

if (redis.status !== 'ready') await once(redis, 'ready');
if (values['warmup-url']) await (await fetch(values['warmup-url'])).arrayBuffer();
process.stdout.write('ready\n');
const stdin = createInterface({ input: process.stdin });
const [startLine] = (await once(stdin, 'line')) as [string];
stdin.close();
const startAt = Number(startLine);
if (!Number.isFinite(startAt)) throw new Error(`expected a start time on stdin, got ${startLine}`);
const endAt = startAt + Number(values['duration-ms']);
await sleep(startAt - Date.now());
await Promise.all(
  Array.from({ length: Number(values.concurrency) }, async () => {
    while (Date.now() < endAt) {
      await limiter.acquire(credential);
      const sentAt = Date.now();
      if (sentAt >= endAt) break;
      sends.push(sentAt);
      if (values.url) {
        const response = await fetch(values.url, { headers });
        await response.arrayBuffer();
        if (!response.ok) errors++;
      }
    }
  }),
);
redis.disconnect();
process.stdout.write(`${JSON.stringify({ sends, errors })}\n`);
