import { randomUUID } from 'node:crypto';
import { type AdIntegration, firestoreFor, newAdIntegration } from '@cohorts/core';
import { uniqueId } from '@cohorts/test-harness';
import pino from 'pino';

/**
 * A Firestore project of the test's own in the shared emulator: the scheduler and the reconciler
 * read every tenant (collection-group queries) and must see only this test's data.
 */
export function isolatedFirestore() {
  return firestoreFor(`demo-wops-${randomUUID().slice(0, 8)}`);
}

export const silentLogger = pino({ level: 'silent' });

/** A Google integration syncing hourly, last synced a day ago: due now. */
export function integration(overrides: Partial<AdIntegration> = {}): AdIntegration {
  const now = new Date();
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const linked = newAdIntegration(
    {
      userId: uniqueId('u'),
      providerId: 'google',
      scopes: ['ads'],
      adAccounts: [],
      accessTokenExpiresAt: null,
      refreshTokenExpiresAt: null,
    },
    now,
  );
  return {
    ...linked,
    lastSyncStatus: 'success',
    lastSyncedAt: dayAgo,
    lastSyncRequestedAt: dayAgo,
    autoSyncEnabled: true,
    syncFrequencyMinutes: 60,
    nextSyncDueAt: new Date(now.getTime() - 60_000),
    ...overrides,
  };
}
