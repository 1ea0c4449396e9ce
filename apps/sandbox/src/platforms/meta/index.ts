import { jsonReply } from '../../http/types';
import type { Platform } from '../platform';
import { metaAuthError, metaFaultReply } from './errors';
import { metaInsightsRoutes } from './insights';
import { metaOAuthRoutes, metaPermissionRoutes } from './oauth';
import { metaObjectRoutes } from './objects';
import { checkAppSecretProof } from './proof';
import { metaAccessToken } from './token';

export const metaPlatform: Platform = {
  provider: 'facebook',
  hosts: ['www.facebook.com', 'graph.facebook.com'],
  routes: [...metaOAuthRoutes, ...metaPermissionRoutes, ...metaObjectRoutes, ...metaInsightsRoutes],
  credentialOf: metaAccessToken,
  precheck: checkAppSecretProof,
  authError: metaAuthError,
  faultReply: metaFaultReply,
  notFound: (request) =>
    jsonReply(400, {
      error: {
        message: `Unknown path components: ${request.path}`,
        type: 'OAuthException',
        code: 2500,
        fbtrace_id: 'Asandbox',
      },
    }),
};
