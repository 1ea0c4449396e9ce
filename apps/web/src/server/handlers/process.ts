import 'server-only';
import { processNextSyncJob } from '@cohorts/sync';
import { z } from 'zod';
import type { Caller } from '../auth/caller';
import { requireAdminOrCron } from '../auth/guards';
import { syncEngine } from '../services';

export const ProcessNextInput = z.strictObject(
  {},
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `takes no fields (got ${issue.keys.join(', ')})` : undefined,
  },
);

/**
 * `POST /api/integrations/process`: processes the next waiting sync job with the worker's own
 * engine (serverless cron, every few minutes, in parallel) and returns what happened:
 * `{processed: false}` when nothing waits, else the job id and `completed` (with its outcome),
 * `delayed` (rate limit / quota), `retrying` or `failed`.
 */
export async function processNext(caller: Caller, _input: z.infer<typeof ProcessNextInput>) {
  requireAdminOrCron(caller);
  return processNextSyncJob((await syncEngine()).deps);
}
