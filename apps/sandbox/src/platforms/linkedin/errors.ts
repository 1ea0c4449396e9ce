import { jsonReply, type Reply } from '../../http/types';
import type { AuthFailure, FaultContext } from '../platform';

/** LinkedIn's REST error body: `{"status","serviceErrorCode","code","message"}`. */
export function linkedInError(
  status: number,
  message: string,
  extra: { serviceErrorCode?: number; code?: string } = {},
  headers: Record<string, string> = {},
): Reply {
  return jsonReply(
    status,
    { status, ...extra, message },
    { 'x-restli-protocol-version': '2.0.0', ...headers },
  );
}

export const illegalArgument = (message: string) =>
  linkedInError(400, message, { code: 'ILLEGAL_ARGUMENT', serviceErrorCode: 100 });

export const accessDenied = (what: string) =>
  linkedInError(403, `Not enough permissions to access: ${what}`, {
    serviceErrorCode: 100,
    code: 'ACCESS_DENIED',
  });

export function linkedInAuthError(failure: AuthFailure): Reply {
  switch (failure) {
    case 'missing':
      return linkedInError(401, 'Empty oauth2_access_token', {
        serviceErrorCode: 65604,
        code: 'EMPTY_ACCESS_TOKEN',
      });
    case 'invalid':
      return linkedInError(401, 'Invalid access token', {
        serviceErrorCode: 65600,
        code: 'INVALID_ACCESS_TOKEN',
      });
    case 'expired':
      return linkedInError(401, 'The token used in the request has expired', {
        serviceErrorCode: 65601,
        code: 'EXPIRED_ACCESS_TOKEN',
      });
    default:
      return linkedInError(401, 'The token used in the request has been revoked by the user', {
        serviceErrorCode: 65602,
        code: 'REVOKED_ACCESS_TOKEN',
      });
  }
}

export function linkedInFaultReply(context: FaultContext): Reply {
  const { fault } = context;
  const retryAfter: Record<string, string> = fault.retryAfterSeconds
    ? { 'retry-after': String(fault.retryAfterSeconds) }
    : {};
  if (context.routeKind !== 'api' && fault.kind !== 'malformed') {
    return jsonReply(fault.status ?? 500, {
      error: 'server_error',
      error_description: 'Internal Server Error',
    });
  }
  switch (fault.kind) {
    case 'rate-limit':
      return linkedInError(429, 'Too Many Requests', { code: 'TOO_MANY_REQUESTS' }, retryAfter);
    case 'daily-quota':
      return linkedInError(
        429,
        'Resource level throttle limit for calls to this resource is reached.',
        {},
        retryAfter,
      );
    case 'server-error': {
      const status = fault.status ?? 500;
      return linkedInError(status, status === 504 ? 'Request timed out' : 'Internal Server Error');
    }
    case 'expired-token':
      return linkedInAuthError('expired');
    case 'revoked-token':
      return linkedInAuthError('revoked');
    case 'account-disabled':
      return accessDenied(`adAccounts/${context.accountId ?? ''}`);
    case 'malformed':
      return fault.shape === 'wrong-shape'
        ? jsonReply(200, { elements: 'not-a-list', paging: 3 })
        : {
            status: 200,
            headers: { 'content-type': 'application/json' },
            body: '{"paging":{"start":0,"count":10},"elements":[{"',
          };
    default:
      return linkedInError(500, `unhandled fault ${fault.kind}`);
  }
}
