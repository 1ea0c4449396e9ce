import type { Caller } from './caller';
import { resolveTarget } from './guards';

/** The user a signed-in caller acts on: themselves, or (admins, cron) the user they name. */
export function targetUser(caller: Caller, userId: string | undefined): string {
  const target = resolveTarget(caller, { userId });
  // resolveTarget only answers all-users when asked to; these inputs never ask.
  if (target.kind !== 'user') throw new Error('unreachable: a single user was asked for');
  return target.userId;
}
