import 'server-only';
import { hostname } from 'node:os';
import { TokenVault } from '@cohorts/core';
import { processNextSyncJob, rawPayloadStoreFor } from '@cohorts/sync';
import { z } from 'zod';
import type { Caller } from '../auth/caller';
import { requireAdminOrCron } from '../auth/guards';
import { webEnv } from '../env';
import { connectors } from '../linking/services';
import { firestore, workerRedis } from '../services';

/** Where raw platform responses go, as in the worker (Cloud Storage when a bucket is set). */
const RawPayloadEnvSchema = z.object({
  RAW_PAYLOAD_BUCKET: z.string().min(1).optional(),
  RAW_PAYLOAD_DIR: z.string().min(1).default('.data/raw-payloads'),
});

export const ProcessNextInput = z.strictObject(
  {},
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `takes no fields (got ${issue.keys.join(', ')})` : undefined,
  },
);

/**
 * `POST /api/integrations/process`: processes the next waiting sync job with the worker's own
 * processor (serverless cron, every few minutes, in parallel) and returns what happened:
 * `{processed: false}` when nothing waits, else the job id and `completed` (with its outcome),
 * `delayed` (rate limit / quota), `retrying` or `failed`.
 */
export async function processNext(caller: Caller, _input: z.infer<typeof ProcessNextInput>) {
  requireAdminOrCron(caller);
  const env = webEnv();
  const rawPayloadConfig = RawPayloadEnvSchema.parse({
    RAW_PAYLOAD_BUCKET: process.env.RAW_PAYLOAD_BUCKET || undefined,
    RAW_PAYLOAD_DIR: process.env.RAW_PAYLOAD_DIR || undefined,
  });
  return processNextSyncJob({
    db: firestore(),
    vault: new TokenVault(env.TOKEN_ENCRYPTION_KEYS),
    connectors: connectors(),
    rawPayloads: await rawPayloadStoreFor(rawPayloadConfig),
    workerId: `web-${hostname()}-${process.pid}`,
    connection: workerRedis(),
    prefix: env.REDIS_PREFIX,
  });
}
