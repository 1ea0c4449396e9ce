import type { Firestore } from 'firebase-admin/firestore';
import { z } from 'zod';
import { type OAuthTokenSet, OAuthTokenSetSchema } from '../contract/credentials';
import type { ProviderId } from '../contract/provider-ids';
import { timestampsToDates, zodConverter } from '../firestore/converters';
import { integrationCredentialPath } from '../firestore/paths';
import { SealedSecretSchema, type TokenVault } from '../secrets/token-vault';

const StoredCredentialSchema = z.object({
  sealed: SealedSecretSchema,
  updatedAt: z.date(),
});
const converter = zodConverter(StoredCredentialSchema);

/**
 * `users/{userId}/integrationCredentials/{providerId}`: the OAuth token set, encrypted. Security
 * rules deny every client; only server code with the vault key reads it.
 */
export class IntegrationCredentialsRepository {
  constructor(
    private readonly db: Firestore,
    private readonly vault: TokenVault,
  ) {}

  private ref(userId: string, providerId: ProviderId) {
    return this.db.doc(integrationCredentialPath(userId, providerId)).withConverter(converter);
  }

  async save(userId: string, providerId: ProviderId, tokens: OAuthTokenSet, now: Date): Promise<void> {
    const path = integrationCredentialPath(userId, providerId);
    const plaintext = JSON.stringify(OAuthTokenSetSchema.parse(tokens));
    await this.ref(userId, providerId).set({ sealed: this.vault.seal(plaintext, path), updatedAt: now });
  }

  async load(userId: string, providerId: ProviderId): Promise<OAuthTokenSet | null> {
    const path = integrationCredentialPath(userId, providerId);
    const stored = (await this.ref(userId, providerId).get()).data();
    if (!stored) return null;
    const decoded = JSON.parse(this.vault.open(stored.sealed, path), (_key, value) =>
      typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value)
        ? new Date(value)
        : value,
    );
    return OAuthTokenSetSchema.parse(timestampsToDates(decoded));
  }

  async delete(userId: string, providerId: ProviderId): Promise<void> {
    await this.ref(userId, providerId).delete();
  }
}
