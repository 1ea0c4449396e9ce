import type { DocumentSnapshot, Firestore } from 'firebase-admin/firestore';
import { FieldPath } from 'firebase-admin/firestore';
import { z } from 'zod';
import { type OAuthTokenSet, OAuthTokenSetSchema } from '../contract/credentials';
import type { ProviderId } from '../contract/provider-ids';
import { timestampsToDates, zodConverter } from '../firestore/converters';
import { collections, integrationCredentialPath } from '../firestore/paths';
import { SealedSecretSchema, type TokenVault } from '../secrets/token-vault';

const StoredCredentialSchema = z.object({
  sealed: SealedSecretSchema,
  updatedAt: z.date(),
});
type StoredCredential = z.infer<typeof StoredCredentialSchema>;
const converter = zodConverter(StoredCredentialSchema);

export type StoredCredentialEntry =
  | { path: string; snapshot: DocumentSnapshot<StoredCredential>; error?: undefined }
  | { path: string; snapshot?: undefined; error: unknown };

/** What re-sealing one stored credential under the current key did. */
export type ResealOutcome = 'moved' | 'current' | 'changed-meanwhile';

/** FAILED_PRECONDITION: the document changed after it was read (the update-time precondition). */
function isChangedMeanwhile(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 9;
}

/**
 * `users/{userId}/integrationCredentials/{providerId}`: the OAuth token set, encrypted. Security
 * rules deny every client; only server code with the vault key reads it.
 */
export class IntegrationCredentialsRepository {
  constructor(
    private readonly db: Firestore,
    private readonly vault: TokenVault,
  ) {}

  /** The typed document (for callers that re-seal a snapshot they read earlier). */
  document(userId: string, providerId: ProviderId) {
    return this.db.doc(integrationCredentialPath(userId, providerId)).withConverter(converter);
  }

  async save(userId: string, providerId: ProviderId, tokens: OAuthTokenSet, now: Date): Promise<void> {
    const path = integrationCredentialPath(userId, providerId);
    const plaintext = JSON.stringify(OAuthTokenSetSchema.parse(tokens));
    await this.document(userId, providerId).set({ sealed: this.vault.seal(plaintext, path), updatedAt: now });
  }

  /**
   * The stored tokens, or null. A credential sealed with an older key is re-sealed with the current
   * one on the way (Meta and TikTok tokens are never refreshed, so reading is their only chance).
   */
  async load(userId: string, providerId: ProviderId): Promise<OAuthTokenSet | null> {
    const snapshot = await this.document(userId, providerId).get();
    const stored = snapshot.data();
    if (!stored) return null;
    const plaintext = this.vault.open(stored.sealed, snapshot.ref.path);
    await this.reseal(snapshot, stored, plaintext);
    const decoded = JSON.parse(plaintext, (_key, value) =>
      typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value)
        ? new Date(value)
        : value,
    );
    return OAuthTokenSetSchema.parse(timestampsToDates(decoded));
  }

  /**
   * Re-seals a credential read earlier under the current key. Written only if the document is
   * unchanged since `snapshot` (update-time precondition): a refresh that saved newer tokens in the
   * meantime wins, and its tokens are already under the current key. Throws when the secret does
   * not open (a key no longer configured, or tampering).
   */
  async rotate(snapshot: DocumentSnapshot<StoredCredential>): Promise<ResealOutcome> {
    const stored = snapshot.data();
    if (!stored) return 'changed-meanwhile';
    if (!this.vault.needsRotation(stored.sealed)) return 'current';
    return this.reseal(snapshot, stored, this.vault.open(stored.sealed, snapshot.ref.path));
  }

  /**
   * Every stored credential of every user, a page at a time (for the key rotation command). A
   * document that does not validate comes back as its path and the error, so one bad document does
   * not stop the walk.
   */
  async *everyStored(pageSize: number): AsyncGenerator<StoredCredentialEntry> {
    let after: DocumentSnapshot | undefined;
    for (;;) {
      let query = this.db
        .collectionGroup(collections.integrationCredentials)
        .withConverter(converter)
        .orderBy(FieldPath.documentId())
        .limit(pageSize);
      if (after) query = query.startAfter(after);
      const page = await query.get();
      for (const snapshot of page.docs) {
        try {
          snapshot.data();
          yield { path: snapshot.ref.path, snapshot };
        } catch (error) {
          yield { path: snapshot.ref.path, error };
        }
      }
      after = page.docs.at(-1);
      if (!after || page.size < pageSize) return;
    }
  }

  async delete(userId: string, providerId: ProviderId): Promise<void> {
    await this.document(userId, providerId).delete();
  }

  private async reseal(
    snapshot: DocumentSnapshot<StoredCredential>,
    stored: StoredCredential,
    plaintext: string,
  ): Promise<ResealOutcome> {
    if (!this.vault.needsRotation(stored.sealed) || !snapshot.updateTime) return 'current';
    try {
      await snapshot.ref.update(
        { sealed: this.vault.seal(plaintext, snapshot.ref.path) },
        { lastUpdateTime: snapshot.updateTime },
      );
      return 'moved';
    } catch (error) {
      if (isChangedMeanwhile(error)) return 'changed-meanwhile';
      throw error;
    }
  }
}
