/**
 * One OS process of the limiter row: `callers` concurrent callers per credential, each taking a slot
 * from the shared per-credential limiter and sending a real Google Ads call to the sandbox in it
 * (without waiting for the answer before queueing again, so every credential always has callers
 * waiting), from a common start (read from stdin once it printed `ready`) for `duration-ms`. The
 * sandbox's meter counts what arrives; this prints `{"errors": n}` (answers that were not 2xx).
 */
import { parseArgs } from 'node:util';
import { CredentialRateLimiter, createLimiterRedis } from '@cohorts/providers';
import { z } from 'zod';

const { values } = parseArgs({
  options: {
    redis: { type: 'string' },
    prefix: { type: 'string' },
    'duration-ms': { type: 'string' },
    callers: { type: 'string' },
    url: { type: 'string' },
    credentials: { type: 'string' },
  },
});
const Args = z.object({
  redis: z.string(),
  prefix: z.string(),
  'duration-ms': z.coerce.number(),
  callers: z.coerce.number().int().positive(),
  url: z.string().url(),
  credentials: z.string(),
});
const args = Args.parse(values);
const credentials = z
  .array(z.object({ credentialId: z.string(), accessToken: z.string() }))
  .parse(JSON.parse(args.credentials));

const redis = createLimiterRedis(args.redis);
const limiter = new CredentialRateLimiter({ redis, keyPrefix: args.prefix, maxWaitMs: 60_000 });
let errors = 0;
// A warm HTTP client and limiter, as a long-running worker's are: the limiter's clock is measured,
// its scripts loaded and its epoch started (a new epoch holds every credential back one or two
// slots) on a credential of its own, outside the measured ones.
await (await fetch(args.url.replace(/\/googleads.*$/, '/__sandbox/health'))).arrayBuffer();
await limiter.acquire(`${args.prefix}:warm-up`);
// Loaded and warm: the parent answers with the common start time (epoch ms) once every process is.
process.stdout.write('ready\n');
const startAt = Number(
  await new Promise<string>((resolve) => process.stdin.once('data', (data) => resolve(String(data)))),
);
process.stdin.destroy();
const endAt = startAt + args['duration-ms'];
await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
async function send(accessToken: string): Promise<void> {
  const response = await fetch(args.url, {
    headers: { authorization: `Bearer ${accessToken}`, 'developer-token': 'bench' },
  });
  await response.arrayBuffer();
  if (!response.ok) errors++;
}
const answers: Array<Promise<void>> = [];
await Promise.all(
  credentials.flatMap(({ credentialId, accessToken }) =>
    Array.from({ length: args.callers }, async () => {
      while (Date.now() < endAt) {
        await limiter.acquire(credentialId);
        if (Date.now() >= endAt) break;
        // The caller queues for its next slot at once, as a backlog of requests does, rather than
        // after this answer: the row measures the limiter, not the sandbox's round trip.
        answers.push(send(accessToken));
      }
    }),
  ),
);
await Promise.all(answers);
redis.disconnect();
process.stdout.write(`${JSON.stringify({ errors })}\n`);
