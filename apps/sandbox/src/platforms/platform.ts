import type { Fault } from '../control/faults';
import type { SandboxLogin, SandboxProvider } from '../data/model';
import type { Reply, SandboxRequest } from '../http/types';
import type { AccessToken, Grant } from '../oauth/grants';
import type { SandboxState } from '../state';

export interface RouteContext {
  request: SandboxRequest;
  /** The route pattern's capture groups. */
  params: string[];
  state: SandboxState;
  /** The sandbox clock when the request arrived. */
  now: number;
}

/** An API call that passed the platform's authentication. */
export interface ApiContext extends RouteContext {
  grant: Grant;
  access: AccessToken;
  login: SandboxLogin;
}

interface RouteBase {
  method: 'GET' | 'POST' | 'DELETE';
  host: string;
  path: RegExp;
}

/** A browser page (consent) or an OAuth endpoint: no access token, no meter. */
export interface OpenRoute extends RouteBase {
  kind: 'page' | 'oauth';
  handle(context: RouteContext): Reply | Promise<Reply>;
}

/** A platform API endpoint: metered, subject to switches, authenticated. */
export interface ApiRoute extends RouteBase {
  kind: 'api';
  /** The ad account the request is about, for account-scoped switches. */
  accountOf?(context: RouteContext): string | undefined;
  handle(context: ApiContext): Reply | Promise<Reply>;
}

export type Route = OpenRoute | ApiRoute;

export type AuthFailure = 'missing' | 'invalid' | 'expired' | 'revoked';

export interface FaultContext extends RouteContext {
  fault: Fault;
  routeKind: Route['kind'];
  accountId: string | undefined;
}

/** One ad platform: its hosts, routes and its own way of saying no. */
export interface Platform {
  provider: SandboxProvider;
  hosts: readonly string[];
  routes: readonly Route[];
  /** The access token as this platform carries it (bearer header, `access_token` param, `Access-Token`). */
  credentialOf(request: SandboxRequest): string | undefined;
  /** Checks the platform makes on every API call after authentication (headers, versions). */
  precheck?(context: ApiContext): Reply | undefined;
  authError(failure: AuthFailure, context: RouteContext): Reply;
  /** The platform's answer for a switched-on fault (all kinds but `slow` and `timeout`). */
  faultReply(context: FaultContext): Reply;
  notFound(request: SandboxRequest, nowMs: number): Reply;
}
