import {
  type AdIntegration,
  AdIntegrationsRepository,
  forEachLimited,
  type ProviderId,
  providerIds,
  TokenVault,
} from '@cohorts/core';
import { createConnectors, createLimiterRedis, limiterKeyPrefix } from '@cohorts/providers';
import { linkThroughSandbox, sandboxLogins, sandboxOAuthApps } from '@cohorts/sync/testing';
import { createTestUser, redisUrl, uniqueId } from '@cohorts/test-harness';
import type { SoakStack } from './stack';

export interface SeededUser {
  uid: string;
  /** An Auth-emulator ID token for the users who watch their jobs live (the others are read by cron key). */
  idToken: string | null;
}

/** Every `agencyEvery`-th user is the agency login (five ad accounts, two synced); the rest have one. */
const agencyEvery = 10;
const hourMinutes = 60;

/**
 * Links `users` × 4 platforms through the sandbox's real OAuth (each gets a grant of its own, so the
 * sandbox meters each credential apart), stores credentials encrypted with the stack's vault, then
 * sets each integration as a synced one on an hourly cadence, due now: the soak's first scheduler
 * round enqueues them all. The first `watchers` users are Auth-emulator users with ID tokens.
 */
export async function seedUsers(
  stack: SoakStack,
  counts: { users: number; watchers: number },
  concurrency = 16,
): Promise<SeededUser[]> {
  const vaultKeys = stack.env.TOKEN_ENCRYPTION_KEYS;
  if (!vaultKeys) throw new Error('the stack has no TOKEN_ENCRYPTION_KEYS');
  const vault = new TokenVault(vaultKeys);
  const limiterRedis = createLimiterRedis(redisUrl());
  const connectors = createConnectors({
    apps: sandboxOAuthApps(),
    sandboxUrl: stack.sandbox.url,
    redis: limiterRedis,
    limiter: { keyPrefix: limiterKeyPrefix(stack.redisPrefix) },
    clock: stack.clock,
  });
  const integrations = new AdIntegrationsRepository(stack.db);
  const users: SeededUser[] = [];
  for (let i = 0; i < counts.users; i++) {
    if (i < counts.watchers) {
      const user = await createTestUser();
      users.push({ uid: user.uid, idToken: user.idToken });
    } else {
      users.push({ uid: uniqueId('soak'), idToken: null });
    }
  }
  const links = users.flatMap((user, index) =>
    providerIds.map((providerId) => ({ user, providerId, agency: index % agencyEvery === 0 })),
  );
  try {
    await forEachLimited(links, concurrency, async ({ user, providerId, agency }) => {
      const now = stack.clock.now();
      const linked = await linkThroughSandbox({
        db: stack.db,
        vault,
        connector: connectors[providerId],
        userId: user.uid,
        login: agency ? sandboxLogins.ada : sandboxLogins.ben,
        now,
      });
      await integrations.save(asSyncedHourly(linked, providerId, now));
    });
  } finally {
    limiterRedis.disconnect();
  }
  return users;
}

/** Synced an hour ago on an hourly cadence, the default incremental window, due now. */
function asSyncedHourly(linked: AdIntegration, providerId: ProviderId, now: Date): AdIntegration {
  const hourAgo = new Date(now.getTime() - hourMinutes * 60_000);
  const active = linked.adAccounts.filter((account) => !account.isManager && account.status === 'active');
  return {
    ...linked,
    lastSyncStatus: 'success',
    lastSyncedAt: hourAgo,
    lastSyncRequestedAt: hourAgo,
    autoSyncEnabled: true,
    syncFrequencyMinutes: hourMinutes,
    scheduledTimeframeDays: null,
    accountChoicePending: false,
    // Two accounts of a multi-account login (the closed one would only fail every sync).
    selectedAccountIds: active.length > 1 ? active.slice(0, 2).map((account) => account.id) : [],
    nextSyncDueAt: now,
    providerId,
  };
}
