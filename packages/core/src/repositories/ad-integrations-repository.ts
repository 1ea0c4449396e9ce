import { FieldPath, type Firestore, type QueryDocumentSnapshot, Timestamp } from 'firebase-admin/firestore';
import { z } from 'zod';
import {
  type AdIntegration,
  AdIntegrationSchema,
  AutomationSettingsSchema,
} from '../contract/ad-integration';
import type { ProviderId } from '../contract/provider-ids';
import { zodConverter } from '../firestore/converters';
import { adIntegrationPath, collections, userPath } from '../firestore/paths';
import {
  clampPageSize,
  decodeCursor,
  encodeCursor,
  type Page,
  type PageRequest,
  PathCursorSchema,
} from './page';

const converter = zodConverter(AdIntegrationSchema);

export const SyncStatusUpdateSchema = AdIntegrationSchema.pick({
  lastSyncStatus: true,
  lastSyncedAt: true,
  lastSyncRequestedAt: true,
  lastSyncMessage: true,
  reconnectRequired: true,
  nextSyncDueAt: true,
}).partial();
export type SyncStatusUpdate = z.infer<typeof SyncStatusUpdateSchema>;

export const AutomationUpdateSchema = AutomationSettingsSchema.partial().extend({
  nextSyncDueAt: z.date().nullable().optional(),
});
export type AutomationUpdate = z.infer<typeof AutomationUpdateSchema>;

/** An integration as read, with the document's update time (a write precondition). */
export interface VersionedIntegration {
  integration: AdIntegration;
  updateTime: Timestamp;
}

function versioned(doc: QueryDocumentSnapshot<AdIntegration>): VersionedIntegration {
  return { integration: doc.data(), updateTime: doc.updateTime };
}

function withoutVersions(page: Page<VersionedIntegration>): Page<AdIntegration> {
  return { items: page.items.map((item) => item.integration), nextCursor: page.nextCursor };
}

const DueCursorSchema = z.object({ dueMs: z.number(), path: z.string().min(1) });

export class IntegrationNotFoundError extends Error {
  constructor(
    readonly userId: string,
    readonly providerId: ProviderId,
  ) {
    super(`no ${providerId} integration is linked for this user`);
    this.name = 'IntegrationNotFoundError';
  }
}

/** `users/{userId}/adIntegrations/{providerId}` documents. */
export class AdIntegrationsRepository {
  constructor(private readonly db: Firestore) {}

  ref(userId: string, providerId: ProviderId) {
    return this.db.doc(adIntegrationPath(userId, providerId)).withConverter(converter);
  }

  async get(userId: string, providerId: ProviderId): Promise<AdIntegration | null> {
    const snapshot = await this.ref(userId, providerId).get();
    return snapshot.exists ? (snapshot.data() ?? null) : null;
  }

  async listForUser(userId: string): Promise<AdIntegration[]> {
    const snapshot = await this.db
      .collection(`${userPath(userId)}/${collections.adIntegrations}`)
      .withConverter(converter)
      .get();
    return snapshot.docs.map((doc) => doc.data());
  }

  /** Writes the whole document (linking or re-linking); validated against the contract first. */
  async save(integration: AdIntegration): Promise<void> {
    await this.ref(integration.userId, integration.providerId).set(integration);
  }

  async delete(userId: string, providerId: ProviderId): Promise<void> {
    await this.ref(userId, providerId).delete();
  }

  /** Integrations across all users whose `nextSyncDueAt` has come, oldest first, a page at a time. */
  async pageDue(now: Date, page: PageRequest): Promise<Page<AdIntegration>> {
    return withoutVersions(await this.pageDueVersioned(now, page));
  }

  /** `pageDue` with each document's update time, for writes that must not overwrite a newer version. */
  async pageDueVersioned(now: Date, page: PageRequest): Promise<Page<VersionedIntegration>> {
    const limit = clampPageSize(page.limit);
    let query = this.db
      .collectionGroup(collections.adIntegrations)
      .where('nextSyncDueAt', '<=', Timestamp.fromDate(now))
      .orderBy('nextSyncDueAt')
      .orderBy(FieldPath.documentId())
      .limit(limit);
    if (page.cursor) {
      const cursor = decodeCursor(page.cursor, DueCursorSchema);
      query = query.startAfter(Timestamp.fromMillis(cursor.dueMs), this.db.doc(cursor.path));
    }
    const snapshot = await query.withConverter(converter).get();
    const items = snapshot.docs.map(versioned);
    const last = snapshot.docs.at(-1);
    const lastDue = items.at(-1)?.integration.nextSyncDueAt;
    return {
      items,
      nextCursor:
        snapshot.size === limit && last && lastDue
          ? encodeCursor({ dueMs: lastDue.getTime(), path: last.ref.path })
          : null,
    };
  }

  /** Every integration of every user, in document order, a page at a time (forced fan-out). */
  async pageAll(page: PageRequest): Promise<Page<AdIntegration>> {
    return withoutVersions(await this.pageAllVersioned(page));
  }

  async pageAllVersioned(page: PageRequest): Promise<Page<VersionedIntegration>> {
    const limit = clampPageSize(page.limit);
    let query = this.db
      .collectionGroup(collections.adIntegrations)
      .orderBy(FieldPath.documentId())
      .limit(limit);
    if (page.cursor) {
      const cursor = decodeCursor(page.cursor, PathCursorSchema);
      query = query.startAfter(this.db.doc(cursor.path));
    }
    const snapshot = await query.withConverter(converter).get();
    const last = snapshot.docs.at(-1);
    return {
      items: snapshot.docs.map(versioned),
      nextCursor: snapshot.size === limit && last ? encodeCursor({ path: last.ref.path }) : null,
    };
  }

  async updateSyncStatus(userId: string, providerId: ProviderId, update: SyncStatusUpdate): Promise<void> {
    await this.update(userId, providerId, SyncStatusUpdateSchema.parse(update));
  }

  async updateAutomation(userId: string, providerId: ProviderId, update: AutomationUpdate): Promise<void> {
    await this.update(userId, providerId, AutomationUpdateSchema.parse(update));
  }

  private async update(
    userId: string,
    providerId: ProviderId,
    fields: Record<string, unknown>,
  ): Promise<void> {
    const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    if (Object.keys(defined).length === 0) return;
    try {
      await this.db.doc(adIntegrationPath(userId, providerId)).update(defined);
    } catch (error) {
      if (isNotFound(error)) throw new IntegrationNotFoundError(userId, providerId);
      throw error;
    }
  }
}

/** gRPC NOT_FOUND (5), as firebase-admin reports a missing document on `update`. */
export function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 5;
}
