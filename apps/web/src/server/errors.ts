import { IntegrationNotFoundError, InvalidCursorError } from '@cohorts/core';
import { ForbiddenError, MissingTargetError, UnauthenticatedError } from './auth';
import { type FieldProblem, InputError } from './http/validation';

/** An outcome the caller can act on; every other error is ours and answers 500 without details. */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** A per-user limit was reached (HTTP 429); `retryAfterSeconds` goes out as `Retry-After`. */
export class TooManyRequestsError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = 'TooManyRequestsError';
  }
}

export type ProblemCode =
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_many_requests'
  | 'internal_error';

/** The tRPC error code for each problem code (one mapping, used by both the tRPC and REST faces). */
export const trpcCodeFor = {
  bad_request: 'BAD_REQUEST',
  unauthenticated: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
  not_found: 'NOT_FOUND',
  conflict: 'CONFLICT',
  too_many_requests: 'TOO_MANY_REQUESTS',
  internal_error: 'INTERNAL_SERVER_ERROR',
} as const satisfies Record<ProblemCode, string>;

export const httpStatusFor: Record<ProblemCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_many_requests: 429,
  internal_error: 500,
};

export interface Problem {
  code: ProblemCode;
  message: string;
  problems?: FieldProblem[];
  /** For `too_many_requests`: when to try again, sent as the `Retry-After` header. */
  retryAfterSeconds?: number;
}

/** Describes the errors callers can act on; null for anything else (a bug or an outage). */
export function knownProblem(error: unknown): Problem | null {
  if (error instanceof UnauthenticatedError) return { code: 'unauthenticated', message: error.message };
  if (error instanceof ForbiddenError) return { code: 'forbidden', message: error.message };
  if (error instanceof MissingTargetError) {
    const problems = [{ field: error.field, problem: error.message }];
    return { code: 'bad_request', message: `${error.field}: ${error.message}`, problems };
  }
  if (error instanceof InputError) {
    return { code: 'bad_request', message: error.message, problems: error.problems };
  }
  if (error instanceof InvalidCursorError) {
    const problems = [{ field: 'cursor', problem: error.message }];
    return { code: 'bad_request', message: `cursor: ${error.message}`, problems };
  }
  if (error instanceof IntegrationNotFoundError) return { code: 'not_found', message: error.message };
  if (error instanceof ConflictError) return { code: 'conflict', message: error.message };
  if (error instanceof TooManyRequestsError) {
    return { code: 'too_many_requests', message: error.message, retryAfterSeconds: error.retryAfterSeconds };
  }
  return null;
}

export const internalErrorMessage = 'something went wrong on our side; try again shortly';
