import { setTimeout as delay } from 'node:timers/promises';
import { findLogin } from './data/fixtures';
import type { Reply, SandboxRequest } from './http/types';
import type { ApiRoute, Platform, Route, RouteContext } from './platforms/platform';
import type { SandboxState } from './state';

/** The default wait of a `slow` switch without `delayMs`. */
const DEFAULT_SLOW_MS = 2_000;

function findRoute(
  platform: Platform,
  request: SandboxRequest,
): { route: Route; params: string[] } | undefined {
  for (const route of platform.routes) {
    if (route.host !== request.host || route.method !== request.method) continue;
    const match = route.path.exec(request.path);
    if (match) return { route, params: match.slice(1).map((group) => group ?? '') };
  }
  return undefined;
}

/**
 * One platform request: find the route, then (API routes) meter it, apply any switched-on fault,
 * authenticate the token the platform's way, run the platform's own checks and the handler.
 */
export async function dispatchPlatform(
  platform: Platform,
  request: SandboxRequest,
  state: SandboxState,
): Promise<Reply> {
  const found = findRoute(platform, request);
  if (!found) return platform.notFound(request, state.clock.now());
  const { route, params } = found;
  const context: RouteContext = { request, params, state, now: state.clock.now() };
  const path = `/${request.host}${request.path}`;

  if (route.kind !== 'api') {
    const fault = state.faults.take({
      provider: platform.provider,
      accessToken: undefined,
      accountId: undefined,
      path,
      oauth: true,
    });
    if (fault) {
      const early = await applyFault(platform, context, fault, route.kind, undefined);
      if (early) return early;
    }
    return route.handle(context);
  }
  return dispatchApi(platform, route, context, path);
}

async function dispatchApi(
  platform: Platform,
  route: ApiRoute,
  context: RouteContext,
  path: string,
): Promise<Reply> {
  const { state, request } = context;
  const token = platform.credentialOf(request);
  const accountId = route.accountOf?.(context);
  const check = state.grants.checkAccess(platform.provider, token, context.now);
  if (token) {
    const grant = 'grant' in check ? check.grant : state.grants.grantOfAccessToken(token);
    state.meter.record(
      grant ? grant.id : token,
      token,
      {
        provider: platform.provider,
        loginId: grant?.loginId ?? null,
        clientId: grant?.clientId ?? null,
        grantId: grant?.id ?? null,
      },
      // At the request's arrival, which an edge in front stamps before this loop got to it.
      state.clock.at(request.arrivedAtMs),
    );
  }
  const fault = state.faults.take({
    provider: platform.provider,
    accessToken: token,
    accountId,
    path,
    oauth: false,
  });
  if (fault) {
    const early = await applyFault(platform, context, fault, 'api', accountId);
    if (early) return early;
  }
  if (check.status !== 'ok') return platform.authError(check.status, context);
  const login = findLogin(platform.provider, check.grant.loginId);
  if (!login) return platform.authError('invalid', context);
  const apiContext = { ...context, grant: check.grant, access: check.access, login };
  return platform.precheck?.(apiContext) ?? route.handle(apiContext);
}

/** A fault's answer, or undefined when the request goes on (after a `slow` delay). */
async function applyFault(
  platform: Platform,
  context: RouteContext,
  fault: NonNullable<ReturnType<SandboxState['faults']['take']>>,
  routeKind: Route['kind'],
  accountId: string | undefined,
): Promise<Reply | undefined> {
  if (fault.kind === 'slow') {
    await delay(fault.delayMs ?? DEFAULT_SLOW_MS);
    return undefined;
  }
  if (fault.kind === 'timeout') return { status: 0, hold: true };
  return platform.faultReply({ ...context, fault, routeKind, accountId });
}
