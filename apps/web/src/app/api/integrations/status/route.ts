import { requireCronAllowed } from '@/server/auth/guards';
import { integrationStatus } from '@/server/handlers/integrations';
import { UserScopeInput } from '@/server/handlers/schemas';
import { queryRoute } from '@/server/http/route';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** `GET /api/integrations/status?userId=`: sync status per provider (mirrors `integrations.status`). */
export const GET = queryRoute(
  'GET /api/integrations/status',
  requireCronAllowed,
  UserScopeInput,
  {},
  integrationStatus,
);
