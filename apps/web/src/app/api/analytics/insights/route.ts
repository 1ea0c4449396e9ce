import { requireCronAllowed } from '@/server/auth/guards';
import { insights } from '@/server/handlers/insights';
import { InsightsInput } from '@/server/handlers/schemas';
import { queryRoute } from '@/server/http/route';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** `GET /api/analytics/insights?from=&to=&providerIds=&top=` (mirrors `analytics.insights`). */
export const GET = queryRoute(
  'GET /api/analytics/insights',
  requireCronAllowed,
  InsightsInput,
  { lists: ['providerIds'], integers: ['top'] },
  insights,
);
