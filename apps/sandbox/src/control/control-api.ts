import { z } from 'zod';
import { isIsoDate } from '../data/dates';
import { expectedDailyTotals } from '../data/expected';
import { findAccount, fixtures } from '../data/fixtures';
import { jsonReply, parseJson, type Reply, type SandboxRequest } from '../http/types';
import type { SandboxState } from '../state';
import { FaultInputSchema, ProviderParamSchema } from './faults';

const badRequest = (field: string, problem: string): Reply =>
  jsonReply(400, { error: { field, message: `${field}: ${problem}` } });

/** The first zod issue as `{field, message}`. */
function zodProblem(error: z.ZodError): Reply {
  const issue = error.issues[0];
  const field = issue?.path.join('.') || 'body';
  return badRequest(field, issue?.message ?? 'is invalid');
}

function jsonBody(request: SandboxRequest): unknown {
  const text = request.body.toString('utf8').trim();
  return text === '' ? {} : parseJson(text);
}

const ExpectedQuerySchema = z.object({
  provider: ProviderParamSchema,
  accountId: z.string({ error: 'is required' }).min(1, { error: 'is required' }),
  start: z
    .string({ error: 'is required (YYYY-MM-DD)' })
    .refine(isIsoDate, { error: 'must be a date YYYY-MM-DD' }),
  end: z
    .string({ error: 'is required (YYYY-MM-DD)' })
    .refine(isIsoDate, { error: 'must be a date YYYY-MM-DD' }),
});

const ClockBodySchema = z
  .object({
    now: z.iso.datetime({ offset: true, error: 'must be an ISO date-time' }).optional(),
    advanceMs: z.int({ error: 'must be an integer number of ms' }).optional(),
    freeze: z.boolean({ error: 'must be true or false' }).optional(),
    reset: z.boolean().optional(),
  })
  .strict();

const RevokeBodySchema = z.object({ token: z.string({ error: 'is required' }).min(1) }).strict();

function expected(request: SandboxRequest, state: SandboxState): Reply {
  const parsed = ExpectedQuerySchema.safeParse(Object.fromEntries(request.query));
  if (!parsed.success) return zodProblem(parsed.error);
  const { provider, accountId, start, end } = parsed.data;
  const account = findAccount(provider, accountId);
  if (!account) return badRequest('accountId', `no ${provider} sandbox account ${accountId}`);
  if (start > end) return badRequest('start', 'must not be after end');
  const context = state.dataContext();
  return jsonReply(200, {
    provider,
    accountId,
    currency: account.currency,
    timeZone: account.timeZone,
    revision: state.revision,
    days: expectedDailyTotals({ provider, accountId, start, end, context }),
  });
}

function faults(request: SandboxRequest, state: SandboxState, id: string | undefined): Reply {
  if (request.method === 'GET' && !id) return jsonReply(200, { faults: state.faults.list() });
  if (request.method === 'POST' && !id) {
    const parsed = FaultInputSchema.safeParse(jsonBody(request));
    if (!parsed.success) return zodProblem(parsed.error);
    return jsonReply(201, state.faults.add(parsed.data));
  }
  if (request.method === 'DELETE' && !id) {
    state.faults.clear();
    return jsonReply(200, { faults: [] });
  }
  if (request.method === 'DELETE' && id) {
    return state.faults.remove(id)
      ? jsonReply(200, { removed: id })
      : jsonReply(404, { error: { message: `no fault ${id}` } });
  }
  return jsonReply(405, { error: { message: `${request.method} is not allowed here` } });
}

function clock(request: SandboxRequest, state: SandboxState): Reply {
  if (request.method === 'POST') {
    const parsed = ClockBodySchema.safeParse(jsonBody(request));
    if (!parsed.success) return zodProblem(parsed.error);
    if (parsed.data.reset) state.clock.reset();
    if (parsed.data.freeze !== undefined) state.clock.freeze(parsed.data.freeze);
    if (parsed.data.now) state.clock.set(Date.parse(parsed.data.now));
    if (parsed.data.advanceMs) state.clock.advance(parsed.data.advanceMs);
  }
  return jsonReply(200, {
    now: new Date(state.clock.now()).toISOString(),
    offsetMs: state.clock.offset,
    frozen: state.clock.frozen,
  });
}

function revokeGrant(request: SandboxRequest, state: SandboxState): Reply {
  const parsed = RevokeBodySchema.safeParse(jsonBody(request));
  if (!parsed.success) return zodProblem(parsed.error);
  const grant = state.grants.grantOfAnyToken(parsed.data.token);
  if (!grant) return badRequest('token', 'is not a token the sandbox issued');
  state.grants.revoke(grant, state.clock.now());
  return jsonReply(200, { revoked: grant.id });
}

/** `/__sandbox/*`: the control API tests and developers use to see and steer the sandbox. */
export function controlApi(request: SandboxRequest, state: SandboxState): Reply {
  const [, resource = '', id] = request.path.split('/');
  const route = `${request.method} ${resource}`;
  if (request.method === 'POST' && jsonBody(request) === undefined) return badRequest('body', 'must be JSON');
  switch (route) {
    case 'GET health':
      return jsonReply(200, { ok: true });
    case 'GET fixtures':
      return jsonReply(200, fixtures);
    case 'GET expected':
      return expected(request, state);
    case 'POST restate':
      return jsonReply(200, { revision: state.restate() });
    case 'POST reset': {
      const grants = request.query.get('grants') === 'true';
      state.reset({ grants });
      return jsonReply(200, { reset: true, grants });
    }
    case 'GET meter':
      return jsonReply(200, { credentials: state.meter.snapshot() });
    case 'DELETE meter':
      state.meter.reset();
      return jsonReply(200, { credentials: [] });
    case 'GET clock':
    case 'POST clock':
      return clock(request, state);
    case 'GET grants':
      return jsonReply(200, { grants: state.grants.list() });
    case 'POST grants':
      return id === 'revoke'
        ? revokeGrant(request, state)
        : jsonReply(404, { error: { message: 'unknown control path' } });
    default:
      if (resource === 'faults') return faults(request, state, id);
      return jsonReply(404, {
        error: {
          message: `unknown control path ${request.method} /__sandbox${request.path}`,
          paths: ['health', 'fixtures', 'expected', 'restate', 'reset', 'faults', 'meter', 'clock', 'grants'],
        },
      });
  }
}
