import { jsonReply, type Reply } from '../../http/types';
import { randomToken } from '../../oauth/grants';
import type { AuthFailure, FaultContext, RouteContext } from '../platform';
import { metaAccessToken } from './token';

export interface GraphErrorSpec {
  message: string;
  code: number;
  type?: string;
  error_subcode?: number;
  error_user_title?: string;
  error_user_msg?: string;
  is_transient?: boolean;
}

/** Graph API's envelope: `{"error":{"message","type","code","error_subcode","fbtrace_id"}}`. */
export function graphError(
  status: number,
  spec: GraphErrorSpec,
  headers: Record<string, string> = {},
): Reply {
  return jsonReply(
    status,
    { error: { type: 'OAuthException', ...spec, fbtrace_id: `A${randomToken(16)}` } },
    headers,
  );
}

function sessionExpired(expiresAt: number | null, now: number): string {
  const at = new Date(expiresAt ?? now).toUTCString();
  return `Error validating access token: Session has expired on ${at}. The current time is ${new Date(now).toUTCString()}.`;
}

export function metaAuthError(failure: AuthFailure, context: RouteContext): Reply {
  switch (failure) {
    case 'missing':
      return graphError(400, {
        message: 'An active access token must be used to query information about the current user.',
        code: 2500,
      });
    case 'invalid':
      return graphError(400, {
        message: 'Invalid OAuth access token - Cannot parse access token',
        code: 190,
      });
    case 'expired': {
      const token = metaAccessToken(context.request) ?? '';
      const expiresAt = context.state.grants.accessToken(token)?.expiresAt ?? null;
      return graphError(400, {
        message: sessionExpired(expiresAt, context.now),
        code: 190,
        error_subcode: 463,
      });
    }
    default:
      return graphError(400, {
        message: 'Error validating access token: The user has not authorized application.',
        code: 190,
        error_subcode: 458,
      });
  }
}

export function expiredTokenError(expiresAt: number | null, now: number): Reply {
  return graphError(400, { message: sessionExpired(expiresAt, now), code: 190, error_subcode: 463 });
}

export function objectMissing(id: string): Reply {
  return graphError(400, {
    message: `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    code: 100,
    error_subcode: 33,
    type: 'GraphMethodException',
  });
}

export function invalidParameter(message: string): Reply {
  return graphError(400, { message: `(#100) ${message}`, code: 100 });
}

/** `X-Business-Use-Case-Usage` for one ad account; `estimated_time_to_regain_access` is in minutes. */
export function bucHeader(
  accountId: string,
  usage: number,
  regainMinutes: number,
  type = 'ads_insights',
): Record<string, string> {
  return {
    'x-business-use-case-usage': JSON.stringify({
      [accountId]: [
        {
          type,
          call_count: usage,
          total_cputime: Math.max(1, Math.round(usage / 2)),
          total_time: Math.max(1, Math.round(usage / 2)),
          estimated_time_to_regain_access: regainMinutes,
          ads_api_access_tier: 'standard_access',
        },
      ],
    }),
  };
}

export function metaFaultReply(context: FaultContext): Reply {
  const { fault } = context;
  const minutes = Math.max(1, Math.ceil((fault.retryAfterSeconds ?? 60) / 60));
  switch (fault.kind) {
    case 'rate-limit': {
      const scope = fault.scope ?? (context.accountId ? 'account' : 'user');
      if (scope === 'app') {
        return graphError(
          400,
          { message: '(#4) Application request limit reached', code: 4, is_transient: true },
          { 'x-app-usage': JSON.stringify({ call_count: 100, total_cputime: 40, total_time: 60 }) },
        );
      }
      const account = context.accountId ?? 'me';
      if (scope === 'account' && context.accountId) {
        return graphError(
          400,
          {
            message:
              '(#80000) There have been too many calls from this ad-account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting#ads-insights.',
            code: 80000,
            error_subcode: 2446079,
            is_transient: true,
          },
          bucHeader(account, 100, minutes),
        );
      }
      return graphError(
        400,
        { message: '(#17) User request limit reached', code: 17, error_subcode: 2446079, is_transient: true },
        bucHeader(account, 100, minutes, 'ads_management'),
      );
    }
    case 'daily-quota':
      return graphError(
        400,
        { message: '(#4) Application request limit reached', code: 4, is_transient: false },
        { 'x-app-usage': JSON.stringify({ call_count: 100, total_cputime: 100, total_time: 100 }) },
      );
    case 'server-error':
      return graphError(fault.status ?? 500, {
        message: 'An unknown error has occurred.',
        code: 1,
        error_subcode: 99,
        is_transient: true,
      });
    case 'expired-token':
      return expiredTokenError(context.now - 60_000, context.now);
    case 'revoked-token':
      return metaAuthError('revoked', context);
    case 'account-disabled':
      return objectMissing(`act_${context.accountId ?? ''}`);
    case 'malformed':
      return fault.shape === 'wrong-shape'
        ? jsonReply(200, { data: 'not-a-list', paging: 7 })
        : {
            status: 200,
            headers: { 'content-type': 'application/json; charset=UTF-8' },
            body: '{"data":[{"campaign_id":"12',
          };
    default:
      return graphError(500, { message: `unhandled fault ${fault.kind}`, code: 1 });
  }
}
