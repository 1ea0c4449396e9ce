import { contentId, jsonReply, type Reply, textReply } from '../../http/types';
import { randomToken } from '../../oauth/grants';
import type { AuthFailure, FaultContext } from '../platform';

/**
 * Every TikTok answer, errors included: HTTP 200 with `code` (0 = OK), `message`, `request_id`, `data`.
 * Successful answers' request ids derive from their content (the same answer twice is the same body);
 * errors get a fresh one, dated like TikTok's (`20261125081530` + hex).
 */
export function tiktokReply(now: number, code: number, message: string, data: unknown = {}): Reply {
  const requestId =
    code === 0
      ? contentId([code, data], 32).toUpperCase()
      : `${new Date(now).toISOString().replace(/\D/g, '').slice(0, 14)}${randomToken(10, 'hex').toUpperCase()}`;
  return jsonReply(200, { code, message, request_id: requestId, data });
}

export const ok = (now: number, data: unknown) => tiktokReply(now, 0, 'OK', data);
export const paramError = (now: number, message: string) => tiktokReply(now, 40002, message);
export const notAuthorized = (now: number, advertiserId: string) =>
  tiktokReply(
    now,
    40106,
    `No permission to operate advertiser ${advertiserId}: the access token was not authorized for it.`,
  );

export function tiktokAuthError(failure: AuthFailure, now: number): Reply {
  switch (failure) {
    case 'missing':
      return tiktokReply(
        now,
        40104,
        'Access token is null, please set it in http header with key Access-Token.',
      );
    case 'expired':
      return tiktokReply(now, 40102, 'Access token has expired.');
    default:
      return tiktokReply(now, 40105, 'Access token is incorrect or has been revoked.');
  }
}

/** A path TikTok's gateway does not route (a missing trailing slash, an unknown endpoint). */
export const gatewayNotFound = (): Reply => textReply(404, '404 page not found');

export function tiktokFaultReply(context: FaultContext): Reply {
  const { fault, now } = context;
  switch (fault.kind) {
    case 'rate-limit':
      return fault.scope === 'account' && context.accountId
        ? tiktokReply(
            now,
            40133,
            `Advertiser (${context.accountId})'s QPS (10) reaches QPS limit, please try again later.`,
          )
        : tiktokReply(now, 40100, 'Requests made too frequently. Please try again later.');
    case 'daily-quota':
      return tiktokReply(
        now,
        40100,
        'The daily request quota (QPD) of this app is used up. It resets at 00:00 UTC.',
      );
    case 'server-error':
      return tiktokReply(now, 50000, 'System error, please try again later.');
    case 'expired-token':
      return tiktokAuthError('expired', now);
    case 'revoked-token':
      return tiktokAuthError('revoked', now);
    case 'account-disabled':
      return tiktokReply(
        now,
        40002,
        `Advertiser ${context.accountId ?? ''} is disabled (STATUS_DISABLE): its data cannot be queried.`,
      );
    case 'malformed':
      return fault.shape === 'wrong-shape'
        ? jsonReply(200, { code: 0, message: 'OK', data: { list: 'not-a-list', page_info: [] } })
        : {
            status: 200,
            headers: { 'content-type': 'application/json' },
            body: '{"code":0,"message":"OK","data":{"list":[{"dim',
          };
    default:
      return tiktokReply(now, 50000, `unhandled fault ${fault.kind}`);
  }
}
