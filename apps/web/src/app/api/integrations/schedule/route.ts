import { requireCronAllowed } from '@/server/auth/guards';
import { schedule } from '@/server/handlers/schedule';
import { ScheduleInput } from '@/server/handlers/schemas';
import { bodyRoute } from '@/server/http/route';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * `POST /api/integrations/schedule` `{ userId } | { allUsers: true }, force?, failureThresholdOverride?`:
 * the cron fan-out (`x-cron-key`), admin tooling, or a user scheduling themselves (mirrors `admin.schedule`).
 */
export const POST = bodyRoute('POST /api/integrations/schedule', requireCronAllowed, ScheduleInput, schedule);
