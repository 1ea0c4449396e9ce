import type { AdAccount } from '@cohorts/core/contract';
import { ProviderError } from '../../http/provider-error';

/**
 * Creatives are secondary to the numbers: when they cannot be read, the account's metrics are kept
 * and a warning says so. Credential-wide errors still stop the sync.
 */
export function creativesWarning(account: AdAccount, error: unknown): string {
  if (!(error instanceof ProviderError) || error.kind === 'auth' || error.kind === 'quota-exhausted')
    throw error;
  return `Creatives of ${account.name} could not be read: ${error.message}`;
}
