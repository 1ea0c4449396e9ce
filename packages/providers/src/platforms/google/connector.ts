import type { AdPlatformConnector } from '../../connector';
import type { GoogleConversionMapping } from '../../conversion-mapping';
import { fetchPerAccount } from '../shared/per-account';
import type { PlatformDeps } from '../shared/platform-deps';
import { listGoogleAdAccounts } from './accounts';
import { googleAuthorizeUrl, googleExchangeCode, googleRefresh, googleRevoke } from './oauth';
import { fetchGoogleAccount } from './reporting';

export function createGoogleConnector(
  deps: PlatformDeps,
  mapping: GoogleConversionMapping,
): AdPlatformConnector {
  return {
    providerId: 'google',
    isConfigured: deps.app !== undefined,
    supportsRefresh: true,
    supportsPkce: true,
    callbackCodeParam: 'code',
    buildAuthorizeUrl: (request) => googleAuthorizeUrl(deps, request),
    exchangeCode: (params) => googleExchangeCode(deps, params),
    refresh: (credential) => googleRefresh(deps, credential),
    listAdAccounts: (credential) => listGoogleAdAccounts(deps, credential),
    fetchDailyMetrics: (credential, request) =>
      fetchPerAccount(
        request.windows,
        deps.accountConcurrency,
        [request.signal, credential.signal],
        (window, signal) => fetchGoogleAccount(deps, credential, window, mapping, request, signal),
      ),
    revoke: (credential) => googleRevoke(deps, credential),
  };
}
