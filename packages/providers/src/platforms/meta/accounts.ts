import type { AdAccount } from '@cohorts/core/contract';
import type { CredentialContext } from '../../connector';
import type { PlatformDeps } from '../shared/platform-deps';
import { graphPages } from './api';
import { metaConfig } from './config';
import { metaAdAccount } from './normalize';
import { MetaAdAccountsPageSchema } from './schemas';

/** `/me/adaccounts`: every ad account the user can reach, with currency, time zone and status. */
export async function listMetaAdAccounts(
  deps: PlatformDeps,
  credential: CredentialContext,
): Promise<AdAccount[]> {
  const accounts = await graphPages(
    deps,
    { credential, label: 'ad accounts' },
    {
      path: 'me/adaccounts',
      query: {
        fields: 'id,account_id,name,currency,timezone_name,account_status',
        limit: metaConfig.pageSize,
      },
      schema: MetaAdAccountsPageSchema,
    },
  );
  return accounts.map(metaAdAccount);
}
