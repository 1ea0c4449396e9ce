import { requireCronAllowed } from '@/server/auth/guards';
import { dailyMetrics } from '@/server/handlers/metrics';
import { MetricsRangeInput } from '@/server/handlers/schemas';
import { queryRoute } from '@/server/http/route';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** `GET /api/metrics?from=&to=&providerIds=google,tiktok`: daily metrics (mirrors `metrics.daily`). */
export const GET = queryRoute(
  'GET /api/metrics',
  requireCronAllowed,
  MetricsRangeInput,
  { lists: ['providerIds'] },
  dailyMetrics,
);
