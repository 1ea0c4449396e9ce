import type { AdPlatformConnector } from '../../connector';
import type { MetaConversionMapping } from '../../conversion-mapping';
import { fetchPerAccount } from '../shared/per-account';
import type { PlatformDeps } from '../shared/platform-deps';
import { listMetaAdAccounts } from './accounts';
import { metaAuthorizeUrl, metaExchangeCode, metaRefresh, metaRevoke } from './oauth';
import { fetchMetaAccount } from './reporting';

export function createMetaConnector(deps: PlatformDeps, mapping: MetaConversionMapping): AdPlatformConnector {
  return {
    providerId: 'facebook',
    isConfigured: deps.app !== undefined,
    supportsRefresh: false,
    supportsPkce: false,
    callbackCodeParam: 'code',
    buildAuthorizeUrl: (request) => metaAuthorizeUrl(deps, request),
    exchangeCode: (params) => metaExchangeCode(deps, params),
    refresh: (credential) => metaRefresh(deps, credential),
    listAdAccounts: (credential) => listMetaAdAccounts(deps, credential),
    fetchDailyMetrics: (credential, request) =>
      fetchPerAccount(
        request.windows,
        deps.accountConcurrency,
        [request.signal, credential.signal],
        (window, signal) => fetchMetaAccount(deps, credential, window, mapping, request, signal),
      ),
    revoke: (credential) => metaRevoke(deps, credential),
  };
}
