/**
 * `@cohorts/core/testing`: pure fixtures of the contract's types for tests in any package (the
 * connectors' tests too: this entry loads neither firebase-admin nor BullMQ).
 */
import type { AdAccount } from '../contract';

/** An active, non-manager USD ad account named after its id, in UTC unless `overrides` say otherwise. */
export function testAdAccount(id: string, overrides: Partial<AdAccount> = {}): AdAccount {
  return {
    id,
    name: id,
    currencyCode: 'USD',
    timeZone: 'UTC',
    status: 'active',
    isManager: false,
    loginCustomerId: null,
    ...overrides,
  };
}
