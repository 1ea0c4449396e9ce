import type { AdPlatformConnector } from '../../connector';
import type { LinkedInConversionMapping } from '../../conversion-mapping';
import { fetchPerAccount } from '../shared/per-account';
import type { PlatformDeps } from '../shared/platform-deps';
import { listLinkedInAdAccounts } from './accounts';
import { linkedInAuthorizeUrl, linkedInExchangeCode, linkedInRefresh, linkedInRevoke } from './oauth';
import { fetchLinkedInAccount } from './reporting';

export function createLinkedInConnector(
  deps: PlatformDeps,
  mapping: LinkedInConversionMapping,
): AdPlatformConnector {
  return {
    providerId: 'linkedin',
    isConfigured: deps.app !== undefined,
    supportsRefresh: true,
    supportsPkce: false,
    callbackCodeParam: 'code',
    buildAuthorizeUrl: (request) => linkedInAuthorizeUrl(deps, request),
    exchangeCode: (params) => linkedInExchangeCode(deps, params),
    refresh: (credential) => linkedInRefresh(deps, credential),
    listAdAccounts: (credential) => listLinkedInAdAccounts(deps, credential),
    fetchDailyMetrics: (credential, request) =>
      fetchPerAccount(
        request.windows,
        deps.accountConcurrency,
        [request.signal, credential.signal],
        (window, signal) => fetchLinkedInAccount(deps, credential, window, mapping, request, signal),
      ),
    revoke: (credential) => linkedInRevoke(deps, credential),
  };
}
