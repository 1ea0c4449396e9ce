import { describe, expect, it } from 'vitest';
import { FaultInputSchema, FaultStore, type FaultTarget } from './faults';

const target = (over: Partial<FaultTarget> = {}): FaultTarget => ({
  provider: 'google',
  accessToken: 'tok-a',
  accountId: '111',
  path: '/googleads.googleapis.com/v23/customers/111/googleAds:searchStream',
  oauth: false,
  ...over,
});

describe('FaultStore', () => {
  it('applies a counted switch that many times, then clears it', () => {
    const store = new FaultStore();
    store.add({ kind: 'rate-limit', count: 2 });
    expect(store.take(target())?.kind).toBe('rate-limit');
    expect(store.take(target())?.hits).toBe(2);
    expect(store.take(target())).toBeUndefined();
    expect(store.list()).toEqual([]);
  });

  it('matches every scope it names', () => {
    const store = new FaultStore();
    store.add({ kind: 'server-error', provider: 'tiktok' });
    store.add({ kind: 'expired-token', accessToken: 'tok-b' });
    store.add({ kind: 'account-disabled', accountId: '222' });
    expect(store.take(target())).toBeUndefined();
    expect(store.take(target({ provider: 'tiktok' }))?.kind).toBe('server-error');
    expect(store.take(target({ accessToken: 'tok-b' }))?.kind).toBe('expired-token');
    expect(store.take(target({ accountId: '222' }))?.kind).toBe('account-disabled');
  });

  it('reaches OAuth endpoints only through a path, and account errors only requests about an account', () => {
    const store = new FaultStore();
    store.add({ kind: 'server-error' });
    expect(store.take(target({ oauth: true, path: '/oauth2.googleapis.com/token' }))).toBeUndefined();
    store.clear();
    store.add({ kind: 'server-error', path: '/token' });
    expect(store.take(target({ oauth: true, path: '/oauth2.googleapis.com/token' }))?.kind).toBe(
      'server-error',
    );
    store.clear();
    store.add({ kind: 'account-disabled' });
    expect(store.take(target({ accountId: undefined }))).toBeUndefined();
  });

  it('validates switches: known kinds, positive counts, no unknown keys', () => {
    expect(FaultInputSchema.safeParse({ kind: 'rate-limit', provider: 'meta' }).data?.provider).toBe(
      'facebook',
    );
    expect(FaultInputSchema.safeParse({ kind: 'nope' }).success).toBe(false);
    expect(FaultInputSchema.safeParse({ kind: 'slow', count: 0 }).success).toBe(false);
    expect(FaultInputSchema.safeParse({ kind: 'slow', colour: 'red' }).success).toBe(false);
  });
});
