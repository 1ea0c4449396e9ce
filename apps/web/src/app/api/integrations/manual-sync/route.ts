import { manualSync } from '@/server/api/integrations';
import { ManualSyncInput } from '@/server/api/schemas';
import { requireCronAllowed } from '@/server/auth/guards';
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
