/**
 * One OS process of the limiter row: `callers` concurrent callers per credential, each taking a slot
 * from the shared per-credential limiter and sending a real Google Ads call to the sandbox, from a
 * common start (read from stdin once it printed `ready`) for `duration-ms`. The sandbox's meter
 * counts what arrives; this prints `{"errors": n}` (answers that were not 2xx).
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
// A warm HTTP client, as a long-running worker's is.
await (await fetch(args.url.replace(/\/googleads.*$/, '/__sandbox/health'))).arrayBuffer();
// Loaded and warm: the parent answers with the common start time (epoch ms) once every process is.
process.stdout.write('ready\n');
const startAt = Number(
  await new Promise<string>((resolve) => process.stdin.once('data', (data) => resolve(String(data)))),
);
process.stdin.destroy();
const endAt = startAt + args['duration-ms'];
await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
await Promise.all(
  credentials.flatMap(({ credentialId, accessToken }) =>
    Array.from({ length: args.callers }, async () => {
      while (Date.now() < endAt) {
        await limiter.acquire(credentialId);
        if (Date.now() >= endAt) break;
        const response = await fetch(args.url, {
          headers: { authorization: `Bearer ${accessToken}`, 'developer-token': 'bench' },
        });
        await response.arrayBuffer();
        if (!response.ok) errors++;
      }
    }),
  ),
);
redis.disconnect();
process.stdout.write(`${JSON.stringify({ errors })}\n`);
