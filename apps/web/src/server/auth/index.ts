import 'server-only';
import { webEnv } from '../env';
import { firebaseAuth } from '../services';
import type { Caller } from './caller';
import { resolveCaller } from './resolve-caller';

export * from './caller';
export * from './credentials';
export * from './errors';
export * from './guards';
export * from './resolve-caller';
export * from './session';
export * from './target-user';

/** The caller of an incoming request (null when it carries no credential), with this process's services. */
export function callerOf(request: Request | { headers: Headers }): Promise<Caller | null> {
  return resolveCaller(request.headers, {
    auth: firebaseAuth(),
    cronSecret: webEnv().INTEGRATIONS_CRON_SECRET,
  });
}
