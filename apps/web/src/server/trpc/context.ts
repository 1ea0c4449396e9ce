import { callerOf } from '../auth';
import type { Caller } from '../auth/caller';
import { type AuthError, isAuthError } from '../auth/errors';

export interface TrpcContext {
  /** The verified caller, or null when the request carried no credential. */
  caller: Caller | null;
  /** Why a credential the request did carry was refused (surfaced by procedures that need one). */
  authError: AuthError | null;
}

/** Builds the context from a request's headers; never throws for a bad credential (public procedures still answer). */
export async function createTrpcContext(request: { headers: Headers }): Promise<TrpcContext> {
  try {
    return { caller: await callerOf(request), authError: null };
  } catch (error) {
    if (isAuthError(error)) return { caller: null, authError: error };
    throw error;
  }
}
