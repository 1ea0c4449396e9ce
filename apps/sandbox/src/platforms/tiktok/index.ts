import { header } from '../../http/types';
import type { Platform } from '../platform';
import { tiktokAccountRoutes } from './accounts';
import { gatewayNotFound, tiktokAuthError, tiktokFaultReply, tiktokReply } from './envelope';
import { tiktokOAuthRoutes } from './oauth';
import { tiktokReportRoutes } from './report';

export const tiktokPlatform: Platform = {
  provider: 'tiktok',
  hosts: ['business-api.tiktok.com'],
  routes: [...tiktokOAuthRoutes, ...tiktokAccountRoutes, ...tiktokReportRoutes],
  credentialOf: (request) => header(request, 'access-token'),
  authError: (failure, context) => tiktokAuthError(failure, context.now),
  faultReply: tiktokFaultReply,
  notFound(request, nowMs) {
    // Retired API versions answer with TikTok's own code; anything else never reaches the API.
    if (/^\/open_api\/v1\.[0-2]\//.test(request.path))
      return tiktokReply(nowMs, 40051, 'Invalid API version: use v1.3.');
    return gatewayNotFound();
  },
};
