import { addDays, localDateIn, type ProviderId } from '@cohorts/core/contract';
import { sandboxControl } from '@cohorts/sandbox';
import { uniqueRedisPrefix } from '@cohorts/test-harness';
import { describe, expect, it } from 'vitest';
import { CredentialRateLimiter } from '../src/http/credential-limiter';
import type { ProviderErrorKind } from '../src/http/provider-error';
import type { ProviderRequestObserver } from '../src/http/request-observer';
import { linkThroughConsent, sandboxAndRedis, sandboxConnectors } from './support/sandbox';

const services = sandboxAndRedis();

/** Records what the HTTP layer reports, as the worker's metrics would count it. */
function recorder() {
  const waits: number[] = [];
  const rejections: { providerId: ProviderId; reason: string }[] = [];
  const outcomes: ('ok' | ProviderErrorKind)[] = [];
  const observer: ProviderRequestObserver = {
    rateLimitWaited: ({ waitedMs }) => waits.push(waitedMs),
    limiterRejected: (event) => rejections.push(event),
    requestFinished: ({ outcome }) => outcomes.push(outcome),
  };
  return { observer, waits, rejections, outcomes };
}

describe('the HTTP layer reports to an observer (for the worker metrics)', () => {
  it('reports each attempt: its limiter wait and its outcome, a retried 5xx included', async () => {
    const seen = recorder();
    const connector = sandboxConnectors(services.sandbox, services.redis, {
      http: { observer: seen.observer },
    }).google;
    const { credentialId, tokens } = await linkThroughConsent(connector);
    const account = (await connector.listAdAccounts({ credentialId, tokens })).find(
      (a) => a.status === 'active' && !a.isManager,
    );
    expect(seen.outcomes.length).toBeGreaterThan(0);
    expect(seen.outcomes.every((outcome) => outcome === 'ok')).toBe(true);
    if (!account) throw new Error('the sandbox login has no Google Ads account');

    const before = seen.outcomes.length;
    await sandboxControl(services.sandbox.url, 'faults', {
      json: { accessToken: tokens.accessToken, kind: 'server-error', status: 503, count: 1 },
    });
    const end = addDays(localDateIn(account.timeZone, new Date()), -1);
    const [result] = await connector.fetchDailyMetrics(
      { credentialId, tokens },
      { windows: [{ account, start: addDays(end, -2), end }] },
    );
    expect(result?.ok).toBe(true);
    const fetched = seen.outcomes.slice(before);
    expect(fetched[0]).toBe('transient');
    expect(fetched.slice(1)).toContain('ok');
    // Every attempt that went out waited for its send slot first.
    expect(seen.waits).toHaveLength(seen.outcomes.length);
    expect(seen.waits.every((ms) => ms >= 0)).toBe(true);
    expect(seen.rejections).toEqual([]);
  });

  it('reports a limiter refusal as busy, not as a platform request', async () => {
    const seen = recorder();
    const keyPrefix = uniqueRedisPrefix('observer');
    const connector = sandboxConnectors(services.sandbox, services.redis, {
      limiter: { keyPrefix, maxWaitMs: 1_000 },
      http: { observer: seen.observer },
    }).tiktok;
    const { credentialId, tokens } = await linkThroughConsent(connector);
    const outcomesBefore = seen.outcomes.length;
    // A platform's pause hint for a minute: longer than this caller waits.
    await new CredentialRateLimiter({ redis: services.redis, keyPrefix }).pause(credentialId, 60_000);
    await expect(connector.listAdAccounts({ credentialId, tokens })).rejects.toMatchObject({
      kind: 'rate-limited',
    });
    expect(seen.rejections).toEqual([{ providerId: 'tiktok', reason: 'busy' }]);
    expect(seen.outcomes.slice(outcomesBefore)).toEqual([]);
  });
});
