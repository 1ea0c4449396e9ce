import { header } from '../../http/types';
import type { Platform } from '../platform';
import { linkedInAnalyticsRoutes } from './analytics';
import { linkedInAuthError, linkedInError, linkedInFaultReply } from './errors';
import { linkedInOAuthRoutes } from './oauth';
import { linkedInPrecheck, linkedInRestRoutes } from './rest';

export const linkedInPlatform: Platform = {
  provider: 'linkedin',
  hosts: ['www.linkedin.com', 'api.linkedin.com'],
  routes: [...linkedInOAuthRoutes, ...linkedInRestRoutes, ...linkedInAnalyticsRoutes],
  credentialOf(request) {
    return /^Bearer\s+(\S+)$/i.exec(header(request, 'authorization') ?? '')?.[1];
  },
  precheck: linkedInPrecheck,
  authError: linkedInAuthError,
  faultReply: linkedInFaultReply,
  notFound: (request) =>
    linkedInError(404, `No resource found for ${request.path}`, { code: 'RESOURCE_NOT_FOUND' }),
};
