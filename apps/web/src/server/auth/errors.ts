/** The JSON body of every error answer: `{ error: { code, message } }`, the message in plain words. */
export interface ErrorBody {
  error: { code: string; message: string };
}

export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}

export function errorResponse(
  status: number,
  code: string,
  message: string,
  headers?: HeadersInit,
): Response {
  return Response.json(errorBody(code, message), { status, headers });
}

/** Not signed in, or the credential is missing, malformed, expired or revoked (HTTP 401). */
export class UnauthenticatedError extends Error {
  readonly status = 401;
  readonly code = 'unauthenticated';
  constructor(message: string) {
    super(message);
    this.name = 'UnauthenticatedError';
  }
}

/** Signed in, but not allowed to do this (HTTP 403). */
export class ForbiddenError extends Error {
  readonly status = 403;
  readonly code = 'forbidden';
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

export type AuthError = UnauthenticatedError | ForbiddenError;

export function isAuthError(error: unknown): error is AuthError {
  return error instanceof UnauthenticatedError || error instanceof ForbiddenError;
}

export function authErrorResponse(error: AuthError): Response {
  return errorResponse(error.status, error.code, error.message);
}
