import { header, jsonReply } from '../../http/types';
import type { Platform } from '../platform';
import { googleAdsRoutes, googlePrecheck } from './ads-api';
import { googleAuthError, googleFaultReply } from './errors';
import { googleOAuthRoutes } from './oauth';

export const googlePlatform: Platform = {
  provider: 'google',
  hosts: ['accounts.google.com', 'oauth2.googleapis.com', 'www.googleapis.com', 'googleads.googleapis.com'],
  routes: [...googleOAuthRoutes, ...googleAdsRoutes],
  credentialOf(request) {
    const match = /^Bearer\s+(\S+)$/i.exec(header(request, 'authorization') ?? '');
    return match?.[1];
  },
  precheck: googlePrecheck,
  authError: (failure, context) => googleAuthError(failure, context.request.path),
  faultReply: googleFaultReply,
  notFound: (request) =>
    jsonReply(404, {
      error: {
        code: 404,
        message: `The requested URL ${request.path} was not found on this server.`,
        status: 'NOT_FOUND',
      },
    }),
};
