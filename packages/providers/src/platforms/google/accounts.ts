import type { AdAccount } from '@cohorts/core/contract';
import type { CredentialContext } from '../../connector';
import { ProviderError } from '../../http/provider-error';
import { mapWithConcurrency } from '../../util/concurrency';
import type { PlatformDeps } from '../shared/platform-deps';
import { googleAdsRequest, searchStream } from './api';
import { customerClientQuery } from './gaql';
import { googleAccountsFromCustomerClients, mergeGoogleAccounts } from './normalize';
import { CustomerClientStreamSchema, ListAccessibleCustomersSchema } from './schemas';

/**
 * Discovery: the customers the login reaches directly (`listAccessibleCustomers`), then, through
 * each, its `customer_client` hierarchy, so clients of a manager account are found with the manager
 * as their `login-customer-id`. A customer that cannot be read (cancelled, no access) is left out;
 * only an auth or quota error fails the listing.
 */
export async function listGoogleAdAccounts(
  deps: PlatformDeps,
  credential: CredentialContext,
): Promise<AdAccount[]> {
  const accessible = await googleAdsRequest(
    deps,
    { credential, label: 'list accessible customers' },
    { method: 'GET', path: 'customers:listAccessibleCustomers', schema: ListAccessibleCustomersSchema },
  );
  const customerIds = accessible.data.resourceNames.map((name) => name.slice('customers/'.length));
  const lists = await mapWithConcurrency(customerIds, deps.accountConcurrency, async (customerId) => {
    try {
      const stream = await searchStream(
        deps,
        { credential, customerId, loginCustomerId: customerId, label: `account hierarchy of ${customerId}` },
        customerClientQuery,
        CustomerClientStreamSchema,
      );
      const rows = stream.data.flatMap((batch) => batch.results);
      return googleAccountsFromCustomerClients(rows, customerId);
    } catch (error) {
      if (
        error instanceof ProviderError &&
        (error.kind === 'permanent' || error.kind === 'invalid-response')
      ) {
        return [];
      }
      throw error;
    }
  });
  return mergeGoogleAccounts(lists);
}
