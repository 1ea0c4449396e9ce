import { ConfigError } from '@cohorts/core/config';
import { webEnv } from '@/server/env';

export const dynamic = 'force-dynamic';

/** Liveness plus a configuration check: names invalid variables, never their values. */
export function GET(): Response {
  try {
    webEnv();
    return Response.json({ status: 'ok' });
  } catch (error) {
    if (error instanceof ConfigError) {
      return Response.json({ status: 'misconfigured', problems: error.problems }, { status: 500 });
    }
    throw error;
  }
}
