import { initTRPC, StandardSchemaV1Error, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { requireAdmin, requireAdminOrCron, requireCronAllowed, requireSignedIn } from '../auth/guards';
import { internalErrorMessage, knownProblem, trpcCodeFor } from '../errors';
import { type FieldProblem, fieldProblems } from '../http/validation';
import type { TrpcContext } from './context';

function problemsOf(cause: unknown): FieldProblem[] | null {
  if (cause instanceof ZodError || cause instanceof StandardSchemaV1Error) {
    return fieldProblems(cause.issues, 'input');
  }
  // tRPC could not parse the `input` query parameter or the JSON body at all.
  if (cause instanceof SyntaxError) return [{ field: 'input', problem: 'is not valid JSON' }];
  return knownProblem(cause)?.problems ?? null;
}

/** The same words as the REST routes' 415. */
const jsonOnlyMessage = 'send the input as JSON (Content-Type: application/json)';

const t = initTRPC.context<TrpcContext>().create({
  /**
   * Errors name the field and the problem (`providerId: must be one of ...`); internal errors say
   * only that something went wrong, and no stack ever leaves the server.
   */
  errorFormatter({ shape, error }) {
    const problems = problemsOf(error.cause);
    const message =
      error.code === 'INTERNAL_SERVER_ERROR'
        ? internalErrorMessage
        : error.code === 'UNSUPPORTED_MEDIA_TYPE'
          ? jsonOnlyMessage
          : problems
            ? problems.map((p) => `${p.field}: ${p.problem}`).join('; ')
            : shape.message;
    const { stack: _stack, ...data } = shape.data;
    // A 429 says when to retry in the body too: a subscription's refusal arrives in an SSE stream
    // already answered 200, where no Retry-After header can go.
    const retryAfterSeconds = knownProblem(error.cause)?.retryAfterSeconds;
    return {
      ...shape,
      message,
      data: { ...data, problems, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) },
    };
  },
  sse: {
    // Keeps proxies from closing an idle stream, and lets the client notice a dead one.
    ping: { enabled: true, intervalMs: 10_000 },
    client: { reconnectAfterInactivityMs: 15_000 },
  },
});

/** Domain errors (not found, forbidden, bad input...) become the matching tRPC error, once, here. */
const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const problem = knownProblem(result.error.cause);
    if (problem) {
      throw new TRPCError({
        code: trpcCodeFor[problem.code],
        message: problem.message,
        cause: result.error.cause,
      });
    }
  }
  return result;
});

/** A refused credential is a 401 even on procedures anyone may call. */
const refuseBadCredentials = t.middleware(({ ctx, next }) => {
  if (ctx.authError) throw ctx.authError;
  return next();
});

export const router = t.router;

const base = t.procedure.use(mapDomainErrors).use(refuseBadCredentials);

/**
 * A user, an admin, or the cron key (naming its `userId`): only for the procedures scheduled
 * automation needs (status and job lists, manual sync, metrics, insights). Everything else is
 * `authedProcedure` or narrower, so the cron key reaches nothing by default.
 */
export const cronAllowedProcedure = base.use(({ ctx, next }) =>
  next({ ctx: { caller: requireCronAllowed(ctx.caller) } }),
);

/** A signed-in person (user or admin); the cron key gets 403. */
export const authedProcedure = base.use(({ ctx, next }) =>
  next({ ctx: { caller: requireSignedIn(ctx.caller) } }),
);

export const adminProcedure = base.use(({ ctx, next }) =>
  next({ ctx: { caller: requireAdmin(ctx.caller) } }),
);

export const adminOrCronProcedure = base.use(({ ctx, next }) =>
  next({ ctx: { caller: requireAdminOrCron(ctx.caller) } }),
);
