import { requireCronAllowed } from '@/server/auth/guards';
import { manualSync } from '@/server/handlers/integrations';
import { ManualSyncInput } from '@/server/handlers/schemas';
import { bodyRoute } from '@/server/http/route';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** `POST /api/integrations/manual-sync` `{ providerId }`: "Run sync now" (mirrors `integrations.manualSync`). */
export const POST = bodyRoute(
  'POST /api/integrations/manual-sync',
  requireCronAllowed,
  ManualSyncInput,
  manualSync,
);
