import { requireAdminOrCron } from '@/server/auth/guards';
import { ProcessNextInput, processNext } from '@/server/handlers/process';
import { bodyRoute } from '@/server/http/route';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';
// A 90-day backfill can take a while; serverless platforms read this as the function's time limit.
export const maxDuration = 300;

/** `POST /api/integrations/process`: processes the next available sync job (cron key or admin). */
export const POST = bodyRoute(
  'POST /api/integrations/process',
  requireAdminOrCron,
  ProcessNextInput,
  processNext,
);
