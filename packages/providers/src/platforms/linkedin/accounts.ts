import type { AdAccount } from '@cohorts/core/contract';
import type { CredentialContext } from '../../connector';
import type { PlatformDeps } from '../shared/platform-deps';
import { linkedInPages } from './api';
import { linkedInAdAccount } from './normalize';
import { LinkedInAdAccountsPageSchema } from './schemas';

/** `/rest/adAccounts?q=search`: the ad accounts the member has a role on. */
export async function listLinkedInAdAccounts(
  deps: PlatformDeps,
  credential: CredentialContext,
): Promise<AdAccount[]> {
  const accounts = await linkedInPages(
    deps,
    { credential, label: 'ad accounts' },
    { path: 'adAccounts', query: [['q', 'search']], schema: LinkedInAdAccountsPageSchema },
  );
  return accounts.map(linkedInAdAccount);
}
