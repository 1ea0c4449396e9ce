import type { AdAccount } from '@cohorts/core';
import { describe, expect, it } from 'vitest';
import { addedAccountIds, isAwaitingAccountChoice, linkAwaitsAccountChoice } from './account-choice';

const account = (id: string, isManager = false): AdAccount => ({
  id,
  name: `Account ${id}`,
  currencyCode: 'USD',
  timeZone: 'UTC',
  status: 'active',
  isManager,
  loginCustomerId: null,
});

const waiting = {
  lastSyncStatus: 'never',
  lastSyncedAt: null,
  lastSyncRequestedAt: null,
  liveSyncJobId: null,
} as const;

describe('account choice', () => {
  it('waits on a first link with several accounts to choose from, not with one', () => {
    expect(linkAwaitsAccountChoice([account('m', true), account('a'), account('b')], null)).toBe(true);
    expect(linkAwaitsAccountChoice([account('m', true), account('a')], null)).toBe(false);
  });

  it('tells a link still waiting from one that asked for a sync', () => {
    expect(isAwaitingAccountChoice(waiting)).toBe(true);
    expect(isAwaitingAccountChoice({ ...waiting, lastSyncStatus: 'pending' })).toBe(false);
    expect(isAwaitingAccountChoice({ ...waiting, lastSyncRequestedAt: new Date(0) })).toBe(false);
    expect(isAwaitingAccountChoice({ ...waiting, liveSyncJobId: 'job' })).toBe(false);
  });

  it('names the accounts a new selection adds (empty selection = every non-manager account)', () => {
    const accounts = [account('m', true), account('a'), account('b'), account('c')];
    expect(addedAccountIds(accounts, ['a'], ['a', 'b'])).toEqual(['b']);
    expect(addedAccountIds(accounts, ['a', 'b'], ['a'])).toEqual([]);
    expect(addedAccountIds(accounts, ['a'], [])).toEqual(['b', 'c']);
    expect(addedAccountIds(accounts, [], ['a'])).toEqual([]);
  });
});
