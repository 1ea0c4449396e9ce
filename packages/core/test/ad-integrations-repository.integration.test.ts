import { uniqueId } from '@cohorts/test-harness';
import { beforeAll, describe, expect, it } from 'vitest';
import { type AdIntegration, AdIntegrationSchema } from '../src/contract/ad-integration';
import { InvalidDocumentError } from '../src/firestore/converters';
import { firestoreFor } from '../src/firestore/firebase-app';
import { adIntegrationPath } from '../src/firestore/paths';
import {
  AdIntegrationsRepository,
  IntegrationNotFoundError,
} from '../src/repositories/ad-integrations-repository';
import { InvalidCursorError } from '../src/repositories/page';
import { integrationFixture } from './fixtures';

const db = firestoreFor(process.env.FIREBASE_PROJECT_ID ?? 'demo-cohorts');
const repo = new AdIntegrationsRepository(db);

describe('AdIntegrationsRepository (Firestore emulator)', () => {
  it('round-trips a document through Firestore, Timestamps back to Dates', async () => {
    const userId = uniqueId('u');
    const integration = integrationFixture(userId, 'facebook', new Date('2026-11-20T10:00:00.123Z'));
    await repo.save(integration);
    const read = await repo.get(userId, 'facebook');
    expect(read).toEqual(AdIntegrationSchema.parse(integration));
    expect(read?.linkedAt).toBeInstanceOf(Date);
    expect(await repo.get(userId, 'google')).toBeNull();
  });

  it('refuses to write a document that breaks the contract, and writes nothing', async () => {
    const userId = uniqueId('u');
    const bad = {
      ...integrationFixture(userId, 'google'),
      accessToken: 'plain-token',
    } as unknown as AdIntegration;
    await expect(repo.save(bad)).rejects.toThrow();
    expect((await db.doc(adIntegrationPath(userId, 'google')).get()).exists).toBe(false);
  });

  it('reports a stored document that drifted from the contract', async () => {
    const userId = uniqueId('u');
    await db.doc(adIntegrationPath(userId, 'google')).set({ providerId: 'google', scopes: 'not-a-list' });
    await expect(repo.get(userId, 'google')).rejects.toThrow(InvalidDocumentError);
  });

  it('lists a user’s integrations and only theirs', async () => {
    const userId = uniqueId('u');
    await repo.save(integrationFixture(userId, 'google'));
    await repo.save(integrationFixture(userId, 'tiktok'));
    await repo.save(integrationFixture(uniqueId('other'), 'google'));
    const list = await repo.listForUser(userId);
    expect(list.map((i) => i.providerId).sort()).toEqual(['google', 'tiktok']);
  });

  it('updates sync status and automation, and says when the integration is missing', async () => {
    const userId = uniqueId('u');
    await repo.save(integrationFixture(userId, 'linkedin'));
    const syncedAt = new Date('2026-11-24T01:00:00Z');
    await repo.updateSyncStatus(userId, 'linkedin', {
      lastSyncStatus: 'success',
      lastSyncedAt: syncedAt,
      lastSyncMessage: '3 accounts synced',
    });
    await repo.updateAutomation(userId, 'linkedin', { syncFrequencyMinutes: 180, autoSyncEnabled: false });
    const read = await repo.get(userId, 'linkedin');
    expect(read).toMatchObject({
      lastSyncStatus: 'success',
      lastSyncedAt: syncedAt,
      lastSyncMessage: '3 accounts synced',
      syncFrequencyMinutes: 180,
      autoSyncEnabled: false,
    });
    await expect(repo.updateAutomation(userId, 'linkedin', { syncFrequencyMinutes: 5 })).rejects.toThrow(
      />=60/,
    );
    await expect(
      repo.updateSyncStatus(uniqueId('nobody'), 'google', { lastSyncStatus: 'error' }),
    ).rejects.toThrow(IntegrationNotFoundError);
  });

  describe('paging due integrations across all users', () => {
    // A far-past instant that only this test's documents use, so other test files do not interfere.
    const base = new Date('1999-01-01T00:00:00Z').getTime() + Math.floor(Math.random() * 1e9);
    const marker = uniqueId('due');
    const dueUsers: string[] = [];

    beforeAll(async () => {
      for (let i = 0; i < 7; i++) {
        const userId = `${marker}-${i}`;
        dueUsers.push(userId);
        await repo.save({
          ...integrationFixture(userId, 'google'),
          nextSyncDueAt: new Date(base + i * 1000),
        });
      }
      await repo.save({
        ...integrationFixture(`${marker}-later`, 'google'),
        nextSyncDueAt: new Date(base + 60_000),
      });
      await repo.save({ ...integrationFixture(`${marker}-off`, 'google'), nextSyncDueAt: null });
    });

    it('walks every due integration exactly once with cursors, oldest first', async () => {
      const now = new Date(base + 10_000);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await repo.pageDue(now, { limit: 3, cursor });
        seen.push(...page.items.map((i) => i.userId));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 100);
      const mine = seen.filter((userId) => userId.startsWith(marker));
      expect(mine).toEqual(dueUsers);
    });

    it('rejects a cursor it did not issue', async () => {
      await expect(repo.pageDue(new Date(), { limit: 3, cursor: 'bogus' })).rejects.toThrow(
        InvalidCursorError,
      );
    });
  });
});
