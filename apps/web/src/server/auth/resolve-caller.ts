import type { Auth, DecodedIdToken } from 'firebase-admin/auth';
import type { Caller } from './caller';
import { cronKeyMatches, type PresentedCredential, presentedCredential } from './credentials';
import { ForbiddenError, UnauthenticatedError } from './errors';

export interface CallerResolverDeps {
  auth: Auth;
  cronSecret: string;
}

/**
 * Resolves the caller of a request, or null when it carries no credential at all (routes that need
 * one answer 401). A credential that is present but malformed, expired, revoked or wrong is refused
 * here with a plain-words reason, never a token or a stack.
 */
export async function resolveCaller(headers: Headers, deps: CallerResolverDeps): Promise<Caller | null> {
  return callerFromCredential(presentedCredential(headers), deps);
}

async function callerFromCredential(
  credential: PresentedCredential,
  deps: CallerResolverDeps,
): Promise<Caller | null> {
  switch (credential.kind) {
    case 'none':
      return null;
    case 'malformed':
      throw new UnauthenticatedError(credential.reason);
    case 'cron-key':
      if (!cronKeyMatches(credential.key, deps.cronSecret)) {
        throw new UnauthenticatedError('the x-cron-key header does not hold the cron secret');
      }
      return { kind: 'cron' };
    case 'id-token': {
      const decoded = await verifyIdToken(deps.auth, credential.token);
      // Admin powers reach every tenant, so for admins also check the token was not revoked.
      if (isAdminToken(decoded)) {
        await verify(() => deps.auth.verifyIdToken(credential.token, true), 'ID token');
      }
      return callerFromToken(decoded);
    }
    case 'session-cookie': {
      // Session cookies live for days, so revocation (sign-out everywhere) is always checked.
      const decoded = await verify(
        () => deps.auth.verifySessionCookie(credential.cookie, true),
        'session cookie',
      );
      return callerFromToken(decoded);
    }
  }
}

/** Verifies a Firebase ID token, with failures as 401/403 in plain words. */
export function verifyIdToken(auth: Auth, token: string): Promise<DecodedIdToken> {
  return verify(() => auth.verifyIdToken(token, false), 'ID token');
}

function isAdminToken(decoded: DecodedIdToken): boolean {
  return decoded.admin === true;
}

function callerFromToken(decoded: DecodedIdToken): Caller {
  const email = typeof decoded.email === 'string' ? decoded.email : null;
  return isAdminToken(decoded)
    ? { kind: 'admin', uid: decoded.uid, email }
    : { kind: 'user', uid: decoded.uid, email };
}

/** firebase-admin's verification failures, mapped to 401/403; anything else (network) propagates. */
async function verify(check: () => Promise<DecodedIdToken>, what: string): Promise<DecodedIdToken> {
  try {
    return await check();
  } catch (error) {
    const code = firebaseAuthCode(error);
    if (code === null) throw error;
    if (code === 'user-disabled') throw new ForbiddenError('this account is disabled');
    if (code.endsWith('-expired')) {
      throw new UnauthenticatedError(`the ${what} has expired: sign in again`);
    }
    if (code.endsWith('-revoked')) {
      throw new UnauthenticatedError(`the ${what} was revoked: sign in again`);
    }
    if (code === 'user-not-found') {
      throw new UnauthenticatedError(`the ${what} belongs to no known account`);
    }
    // Not `invalid-credential`: that is the server's own service account, a 500.
    if (code === 'argument-error' || code === 'invalid-id-token') {
      throw new UnauthenticatedError(`the ${what} is not valid`);
    }
    throw error;
  }
}

/** `auth/id-token-expired` -> `id-token-expired`; null for errors that are not Firebase Auth's. */
function firebaseAuthCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  const { code } = error;
  if (typeof code !== 'string' || !code.startsWith('auth/')) return null;
  return code.slice('auth/'.length);
}
