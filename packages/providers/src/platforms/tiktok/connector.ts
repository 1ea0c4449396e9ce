import type { AdPlatformConnector } from '../../connector';
import type { TikTokConversionMapping } from '../../conversion-mapping';
import { fetchPerAccount } from '../shared/per-account';
import type { PlatformDeps } from '../shared/platform-deps';
import { listTikTokAdAccounts } from './accounts';
import { tiktokAuthorizeUrl, tiktokExchangeCode, tiktokRefresh, tiktokRevoke } from './oauth';
import { fetchTikTokAccount } from './reporting';

export function createTikTokConnector(
  deps: PlatformDeps,
  mapping: TikTokConversionMapping,
): AdPlatformConnector {
  return {
    providerId: 'tiktok',
    isConfigured: deps.app !== undefined,
    supportsRefresh: false,
    supportsPkce: false,
    callbackCodeParam: 'auth_code',
    buildAuthorizeUrl: (request) => tiktokAuthorizeUrl(deps, request),
    exchangeCode: (params) => tiktokExchangeCode(deps, params),
    refresh: () => tiktokRefresh(),
    listAdAccounts: (credential) => listTikTokAdAccounts(deps, credential),
    fetchDailyMetrics: (credential, request) =>
      fetchPerAccount(
        request.windows,
        deps.accountConcurrency,
        [request.signal, credential.signal],
        (window, signal) => fetchTikTokAccount(deps, credential, window, mapping, request, signal),
      ),
    revoke: (credential) => tiktokRevoke(deps, credential),
  };
}
