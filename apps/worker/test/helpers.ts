import { randomUUID } from 'node:crypto';
import { type AdIntegration, firestoreFor } from '@cohorts/core';
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

export function integration(overrides: Partial<AdIntegration> = {}): AdIntegration {
  const now = new Date();
  return {
    userId: uniqueId('u'),
    providerId: 'google',
    accessToken: null,
    idToken: null,
    scopes: ['ads'],
    linkedAt: now,
    lastSyncStatus: 'success',
    lastSyncedAt: new Date(now.getTime() - 86_400_000),
    lastSyncRequestedAt: new Date(now.getTime() - 86_400_000),
    lastSyncMessage: null,
    autoSyncEnabled: true,
    syncFrequencyMinutes: 60,
    scheduledTimeframeDays: null,
    accessTokenExpiresAt: null,
    refreshTokenExpiresAt: null,
    reconnectRequired: false,
    adAccounts: [],
    selectedAccountIds: [],
    liveSyncJobId: null,
    nextSyncDueAt: new Date(now.getTime() - 60_000),
    ...overrides,
  };
}
