import { testAdAccount } from '@cohorts/core/testing';
import { describe, expect, it } from 'vitest';
import type { AccountMetricsResult, AccountWindow } from '../../connector';
import { ProviderError } from '../../http/provider-error';
import { fetchPerAccount } from './per-account';

function window(id: string): AccountWindow {
  return { account: testAdAccount(id), start: '2026-01-01', end: '2026-01-31' };
}

const ok = (accountId: string): AccountMetricsResult => ({
  accountId,
  ok: true,
  records: [],
  raw: [],
  warnings: [],
});
const error = (kind: ProviderError['kind']) =>
  new ProviderError({ providerId: 'google', kind, message: kind });

describe('fetchPerAccount', () => {
  it('keeps one account failure to that account', async () => {
    const results = await fetchPerAccount(
      [window('a'), window('b'), window('c')],
      2,
      [],
      async ({ account }) => {
        if (account.id === 'b') throw error('permanent');
        return ok(account.id);
      },
    );
    expect(results.map((r) => [r.accountId, r.ok])).toEqual([
      ['a', true],
      ['b', false],
      ['c', true],
    ]);
    const failed = results[1];
    expect(failed?.ok === false && failed.error.accountId).toBe('b');
  });

  it('throws what concerns the whole credential and stops the other accounts', async () => {
    const seen: string[] = [];
    const fetching = fetchPerAccount(
      [window('a'), window('b'), window('c')],
      1,
      [],
      async ({ account }, signal) => {
        seen.push(account.id);
        if (account.id === 'a') throw error('auth');
        signal.throwIfAborted();
        return ok(account.id);
      },
    );
    await expect(fetching).rejects.toMatchObject({ kind: 'auth' });
    expect(seen).toEqual(['a']);
  });

  it('passes cancellation through instead of turning it into a result', async () => {
    const controller = new AbortController();
    controller.abort(new Error('job cancelled'));
    const fetching = fetchPerAccount([window('a')], 1, [controller.signal], async (_w, signal) => {
      signal.throwIfAborted();
      return ok('a');
    });
    await expect(fetching).rejects.toThrow('job cancelled');
  });
});
