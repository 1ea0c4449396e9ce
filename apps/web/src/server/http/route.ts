import 'server-only';
import type { z } from 'zod';
import { callerOf } from '../auth';
import type { Caller } from '../auth/caller';
import { errorBody, errorResponse, isAuthError } from '../auth/errors';
import { cookieWriteRefusal } from '../auth/session';
import { httpStatusFor, internalErrorMessage, knownProblem, type Problem } from '../errors';
import { type QueryShape, readJsonBody, readQuery } from './request';

function problemResponse(error: unknown, label: string): Response {
  const problem = knownProblem(error);
  if (problem) {
    const body = errorBody(problem.code, problem.message);
    return Response.json(problem.problems ? { error: { ...body.error, problems: problem.problems } } : body, {
      status: httpStatusFor[problem.code],
      headers: retryAfterHeaders(problem),
    });
  }
  console.error(`${label} failed`, error);
  return errorResponse(500, 'internal_error', internalErrorMessage);
}

/** `Retry-After` (whole seconds) for a 429; none otherwise. */
function retryAfterHeaders(problem: Problem): Record<string, string> {
  return problem.retryAfterSeconds === undefined ? {} : { 'retry-after': String(problem.retryAfterSeconds) };
}

type Handler = (request: Request, caller: Caller) => Promise<Response>;

/** Who may call a route, checked before its input is read (so an anonymous caller gets 401, not 400). */
export type Guard = (caller: Caller | null) => Caller;

/**
 * Wraps a REST route: resolves the caller (a refused credential is 401/403 before anything runs),
 * refuses cross-site state changes made with the session cookie, and maps errors to plain-words
 * JSON bodies, the same mapping the tRPC procedures use.
 */
function restRoute(label: string, access: Guard, handler: Handler): (request: Request) => Promise<Response> {
  return async (request) => {
    let caller: Caller | null;
    try {
      caller = await callerOf(request);
    } catch (error) {
      if (isAuthError(error)) return errorResponse(error.status, error.code, error.message);
      return problemResponse(error, label);
    }
    const refused = cookieWriteRefusal(request);
    if (refused) return errorResponse(403, 'forbidden', refused);
    try {
      return await handler(request, access(caller));
    } catch (error) {
      return problemResponse(error, label);
    }
  };
}

/** A GET route whose query is validated by the same schema as the procedure it mirrors. */
export function queryRoute<Schema extends z.ZodType, Result>(
  label: string,
  access: Guard,
  schema: Schema,
  shape: QueryShape,
  run: (caller: Caller, input: z.infer<Schema>) => Promise<Result>,
) {
  return restRoute(label, access, async (request, caller) => {
    const query = readQuery(request, schema, shape);
    if (!query.ok) return query.response;
    return Response.json(await run(caller, query.data));
  });
}

/** A POST route whose JSON body is validated by the same schema as the procedure it mirrors. */
export function bodyRoute<Schema extends z.ZodType, Result>(
  label: string,
  access: Guard,
  schema: Schema,
  run: (caller: Caller, input: z.infer<Schema>) => Promise<Result>,
) {
  return restRoute(label, access, async (request, caller) => {
    const body = await readJsonBody(request, schema);
    if (!body.ok) return body.response;
    return Response.json(await run(caller, body.data));
  });
}
