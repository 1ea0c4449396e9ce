import { clockStartingAt } from '@cohorts/core/clock';
import {
  type AdAccount,
  addDays,
  localDateIn,
  NormalizedMetricRecordSchema,
  type ProviderId,
  providerIds,
} from '@cohorts/core/contract';
import { sandboxControl } from '@cohorts/sandbox';
import { pinnedInstants } from '@cohorts/test-harness/instants';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AccountMetricsResult } from '../src/connector';
import { linkedInApiVersion } from '../src/platforms/linkedin/config';
import {
  linkThroughConsent,
  providersTestStart,
  sandboxAndRedis,
  sandboxConnectors,
} from './support/sandbox';
import { type DayTotals, totalsByDate } from './support/totals';

interface ExpectedResponse {
  currency: string;
  timeZone: string;
  days: Array<DayTotals & { spend: string; revenue: string | null }>;
}

interface FixtureAccount {
  id: string;
  name: string;
  currency: string;
  timeZone: string;
  status: 'active' | 'disabled' | 'closed';
  isManager: boolean;
  parentId: string | null;
}
type Fixtures = Record<
  ProviderId,
  { logins: Array<{ id: string; accountIds: string[] }>; accounts: FixtureAccount[] }
>;

const AGENCY_LOGIN = 'ada@northwind-agency.example';
const services = sandboxAndRedis();
let fixtures: Fixtures;
/** The connectors' clock and the sandbox's read the same pinned instant. */
const clock = clockStartingAt(providersTestStart);

async function pinTo(at: string): Promise<void> {
  clock.restartAt(at);
  await sandboxControl(services.sandbox.url, 'clock', { json: { now: at } });
}

beforeAll(async () => {
  fixtures = await sandboxControl<Fixtures>(services.sandbox.url, 'fixtures');
});
afterEach(async () => {
  clock.restartAt(providersTestStart);
  await sandboxControl(services.sandbox.url, 'clock', { json: { reset: true } });
});

/** Accounts the agency login reaches: directly, or (Google) anywhere below a manager it reaches. */
function reachable(providerId: ProviderId): FixtureAccount[] {
  const { logins, accounts } = fixtures[providerId];
  const roots = logins.find((login) => login.id === AGENCY_LOGIN)?.accountIds ?? [];
  const found = new Map<string, FixtureAccount>();
  const visit = (id: string) => {
    const account = accounts.find((a) => a.id === id);
    if (!account || found.has(id)) return;
    found.set(id, account);
    for (const child of accounts) if (child.parentId === id) visit(child.id);
  };
  for (const id of roots) visit(id);
  return [...found.values()];
}

/** The last 90 complete days in the account's own time zone (LinkedIn: UTC). */
function ninetyDays(providerId: ProviderId, account: AdAccount) {
  const timeZone = providerId === 'linkedin' ? 'UTC' : account.timeZone;
  const end = addDays(localDateIn(timeZone, clock.now()), -1);
  return { account, start: addDays(end, -89), end };
}

/**
 * Every platform at every pinned instant, except LinkedIn before the month of the API version the
 * connector sends: LinkedIn (and the sandbox) answer a not-yet-released version with
 * NONEXISTENT_VERSION, so those instants are outside what this connector can ever have run at.
 * LinkedIn's days are UTC, so the DST instants it loses test nothing of its own.
 */
const linkedInVersionStart = `${linkedInApiVersion.slice(0, 4)}-${linkedInApiVersion.slice(4, 6)}-01T00:00:00Z`;
const cases = providerIds.flatMap((providerId) =>
  pinnedInstants
    .filter((instant) => providerId !== 'linkedin' || instant.at >= linkedInVersionStart)
    .map((instant) => ({ providerId, ...instant })),
);

describe.each(cases)('$providerId connector contract at $name (sandbox over HTTP)', ({ providerId, at }) => {
  it('links through consent, lists accounts and fetches 90 days equal to the sandbox totals', async () => {
    await pinTo(at);
    const connector = sandboxConnectors(services.sandbox, services.redis, { clock })[providerId];
    const { credentialId, tokens } = await linkThroughConsent(connector, { login: AGENCY_LOGIN });
    expect(tokens.accessToken).toBeTruthy();
    const credential = { credentialId, tokens };

    const accounts = await connector.listAdAccounts(credential);
    const fixtureAccounts = reachable(providerId);
    expect(accounts.map((a) => a.id).sort()).toEqual(fixtureAccounts.map((a) => a.id).sort());
    for (const account of accounts) {
      const fixture = fixtureAccounts.find((a) => a.id === account.id);
      expect(account).toMatchObject({
        name: fixture?.name,
        currencyCode: fixture?.currency,
        timeZone: fixture?.timeZone,
        isManager: fixture?.isManager ?? false,
      });
      expect(account.status === 'active').toBe(fixture?.status === 'active');
    }

    const windows = accounts.filter((a) => !a.isManager).map((account) => ninetyDays(providerId, account));
    const results = await connector.fetchDailyMetrics(credential, { windows });
    expect(results.map((r) => r.accountId)).toEqual(windows.map((w) => w.account.id));

    let compared = 0;
    for (const window of windows) {
      const result = results.find((r) => r.accountId === window.account.id) as AccountMetricsResult;
      if (!result.ok) {
        // Only an account that is not active may fail, and only for itself.
        expect(window.account.status).not.toBe('active');
        expect(result.error.kind).toBe('permanent');
        continue;
      }
      for (const record of result.records) {
        expect(() => NormalizedMetricRecordSchema.parse(record)).not.toThrow();
        expect(record).toMatchObject({
          providerId,
          accountId: window.account.id,
          timeZone: window.account.timeZone,
        });
      }
      const expected = await sandboxControl<ExpectedResponse>(
        services.sandbox.url,
        `expected?provider=${providerId}&accountId=${window.account.id}&start=${window.start}&end=${window.end}`,
      );
      const wanted = expected.days.map(({ spend: _s, revenue: _r, ...day }) => day);
      expect(totalsByDate(result.records)).toEqual(wanted);
      expect(result.raw.length).toBeGreaterThan(0);
      expect(result.warnings).toEqual([]);
      // Creatives come with their campaign's records (Google's Performance Max has none at ad level);
      // an account closed before the window has no records at all.
      if (result.records.length > 0) {
        expect(result.records.some((record) => record.creatives.length > 0)).toBe(true);
      }
      compared += result.records.length;
    }
    expect(compared).toBeGreaterThan(100);
    const active = windows.filter((w) => w.account.status === 'active');
    expect(results.filter((r) => r.ok).length).toBeGreaterThanOrEqual(active.length);
  });
});
