import { type AdAccount, type AdIntegration, newAdIntegration } from '@cohorts/core';
import { describe, expect, it } from 'vitest';
import { addedAccountIds, linkAwaitsAccountChoice } from './account-choice';

const account = (id: string, isManager = false): AdAccount => ({
  id,
  name: `Account ${id}`,
  currencyCode: 'USD',
  timeZone: 'UTC',
  status: 'active',
  isManager,
  loginCustomerId: null,
});

/** Only the field the rule reads matters; the rest is a linked integration's shape. */
function integration(fields: Pick<AdIntegration, 'accountChoicePending'>): AdIntegration {
  const linked = newAdIntegration(
    {
      userId: 'u',
      providerId: 'google',
      scopes: [],
      adAccounts: [],
      accessTokenExpiresAt: null,
      refreshTokenExpiresAt: null,
    },
    new Date(0),
  );
  return { ...linked, ...fields };
}

describe('account choice', () => {
  it('waits on a first link with several accounts to choose from, not with one', () => {
    expect(linkAwaitsAccountChoice([account('m', true), account('a'), account('b')], null)).toBe(true);
    expect(linkAwaitsAccountChoice([account('m', true), account('a')], null)).toBe(false);
  });

  it('waits again on a re-link that is still waiting, not on one whose accounts were chosen', () => {
    const accounts = [account('a'), account('b')];
    expect(linkAwaitsAccountChoice(accounts, integration({ accountChoicePending: true }))).toBe(true);
    expect(linkAwaitsAccountChoice(accounts, integration({ accountChoicePending: false }))).toBe(false);
    expect(linkAwaitsAccountChoice(accounts, integration({}))).toBe(false);
  });

  it('names the accounts a new selection adds (empty selection = every non-manager account)', () => {
    const accounts = [account('m', true), account('a'), account('b'), account('c')];
    expect(addedAccountIds(accounts, ['a'], ['a', 'b'])).toEqual(['b']);
    expect(addedAccountIds(accounts, ['a', 'b'], ['a'])).toEqual([]);
    expect(addedAccountIds(accounts, ['a'], [])).toEqual(['b', 'c']);
    expect(addedAccountIds(accounts, [], ['a'])).toEqual([]);
  });
});
