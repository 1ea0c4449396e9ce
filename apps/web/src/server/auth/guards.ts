import { type Caller, isSignedIn, type SignedInCaller } from './caller';
import { ForbiddenError, UnauthenticatedError } from './errors';

const signInMessage = 'sign in first: send "Authorization: Bearer <Firebase ID token>" or a session cookie';

/** The caller, or 401 when the request carried no credential. */
function requireCaller(caller: Caller | null): Caller {
  if (!caller) throw new UnauthenticatedError(signInMessage);
  return caller;
}

/**
 * Who may call what, in one place: every procedure and route picks one of these guards (the tRPC
 * procedure builders in `trpc/init.ts` wrap them). Signed-in people are the default; the cron key is
 * not a master key: it may call only what scheduled automation needs (`requireCronAllowed`), and
 * each of those must name the user it acts for (`resolveTarget`).
 */

/**
 * A user, an admin, or the cron key. Only for what scheduled automation needs to queue, run and
 * report syncs: integration status and job lists, scheduling, processing, manual sync, metrics and
 * insights. A leaked cron key therefore cannot link, unlink or change automation settings.
 */
export function requireCronAllowed(caller: Caller | null): Caller {
  return requireCaller(caller);
}

/** A signed-in person (user or admin); cron automation is refused (403). */
export function requireSignedIn(caller: Caller | null): SignedInCaller {
  const known = requireCaller(caller);
  if (!isSignedIn(known)) {
    throw new ForbiddenError('this needs a signed-in user; the cron key cannot act as one');
  }
  return known;
}

/** An admin (custom claim `admin: true`); 401 when anonymous, 403 otherwise. */
export function requireAdmin(caller: Caller | null): Extract<Caller, { kind: 'admin' }> {
  const known = requireCaller(caller);
  if (known.kind !== 'admin') throw new ForbiddenError('this needs an admin account');
  return known;
}

/** An admin or automation holding the cron key. */
export function requireAdminOrCron(caller: Caller | null): Extract<Caller, { kind: 'admin' | 'cron' }> {
  const known = requireCaller(caller);
  if (known.kind === 'user') throw new ForbiddenError('this needs an admin account or the cron key');
  return known;
}

/**
 * Fields of a request that only an admin or the cron key may set: a user sending any of them gets
 * 403 naming the first one (whatever its value), so a client cannot probe which values slip through.
 */
export function requireOperatorFields<Input extends object>(
  caller: Caller | null,
  input: Input,
  fields: readonly (keyof Input & string)[],
): void {
  const known = requireCaller(caller);
  if (known.kind !== 'user') return;
  const sent = fields.find((field) => input[field] !== undefined);
  if (sent !== undefined) {
    throw new ForbiddenError(`${sent}: only an admin or the cron key may set this`);
  }
}

/**
 * The caller may act on `userId`'s data: their own (users), anyone's (admins), or the user a cron
 * request names. A user reaching into another tenant gets 403.
 */
export function requireUserMatching(caller: Caller | null, userId: string): Caller {
  const known = requireCaller(caller);
  if (known.kind === 'user' && known.uid !== userId) {
    throw new ForbiddenError("you can only act on your own account's data");
  }
  return known;
}

/** Which tenant(s) a scheduling or status request is about. */
export type TenantTarget = { kind: 'user'; userId: string } | { kind: 'all-users' };

export class MissingTargetError extends Error {
  readonly field = 'userId';
  constructor() {
    super('name the user with "userId", or send "allUsers": true to act on every user');
    this.name = 'MissingTargetError';
  }
}

/**
 * Resolves the tenant(s) a request acts on. A signed-in user defaults to themselves and may name
 * only themselves; `allUsers` needs an admin or the cron key; a cron request must name its target.
 */
export function resolveTarget(
  caller: Caller | null,
  request: { userId?: string | undefined; allUsers?: boolean | undefined },
): TenantTarget {
  const known = requireCaller(caller);
  if (request.allUsers) {
    if (known.kind === 'user') {
      throw new ForbiddenError('only an admin or the cron key can act on every user');
    }
    return { kind: 'all-users' };
  }
  if (request.userId !== undefined) {
    requireUserMatching(known, request.userId);
    return { kind: 'user', userId: request.userId };
  }
  if (known.kind === 'cron') throw new MissingTargetError();
  return { kind: 'user', userId: known.uid };
}
