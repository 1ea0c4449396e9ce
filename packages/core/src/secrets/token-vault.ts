import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';

/** An encrypted value as stored: AES-256-GCM, with the id of the key that sealed it (for rotation). */
export const SealedSecretSchema = z.object({
  keyId: z.string().min(1),
  iv: z.string().min(1),
  ciphertext: z.string().min(1),
  authTag: z.string().min(1),
});
export type SealedSecret = z.infer<typeof SealedSecretSchema>;

export class TokenVaultError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenVaultError';
  }
}

/**
 * Encrypts secrets with AES-256-GCM. Keys come from `TOKEN_ENCRYPTION_KEYS` (`id:base64,...`): the
 * first seals, every listed key opens, so keys rotate by putting a new one first. `associatedData`
 * binds a ciphertext to its place (e.g. the document path), so a sealed token copied elsewhere
 * does not open. Errors never include key material or plaintext.
 */
export class TokenVault {
  private readonly keys: Map<string, Buffer>;
  private readonly activeKeyId: string;

  constructor(keySpec: string) {
    const entries = keySpec.split(',').map((part) => {
      const [id, material] = part.split(':');
      const key = material ? Buffer.from(material, 'base64') : Buffer.alloc(0);
      if (!id || key.length !== 32)
        throw new TokenVaultError('each encryption key must be keyId:base64 of 32 bytes');
      return [id, key] as const;
    });
    const first = entries[0];
    if (!first) throw new TokenVaultError('no encryption key configured');
    // A repeated id would silently keep one of the two keys, leaving secrets sealed with the other unreadable.
    const repeated = duplicateKeyIds(keySpec)[0];
    if (repeated !== undefined)
      throw new TokenVaultError(
        `encryption key id "${repeated}" is listed more than once; each key needs its own id`,
      );
    this.keys = new Map(entries);
    this.activeKeyId = first[0];
  }

  seal(plaintext: string, associatedData: string): SealedSecret {
    const key = this.keys.get(this.activeKeyId);
    if (!key) throw new TokenVaultError('active key missing');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return {
      keyId: this.activeKeyId,
      iv: iv.toString('base64'),
      ciphertext: ciphertext.toString('base64'),
      authTag: cipher.getAuthTag().toString('base64'),
    };
  }

  open(sealed: SealedSecret, associatedData: string): string {
    const key = this.keys.get(sealed.keyId);
    if (!key)
      throw new TokenVaultError(`secret was sealed with key "${sealed.keyId}", which is not configured`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
      decipher.setAAD(Buffer.from(associatedData, 'utf8'));
      decipher.setAuthTag(Buffer.from(sealed.authTag, 'base64'));
      return Buffer.concat([
        decipher.update(Buffer.from(sealed.ciphertext, 'base64')),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new TokenVaultError('secret could not be decrypted (wrong key, wrong place, or tampered)');
    }
  }

  /** The id of the key that seals (the first listed). */
  get currentKeyId(): string {
    return this.activeKeyId;
  }

  /** True when the secret was sealed with an older key and should be re-sealed. */
  needsRotation(sealed: SealedSecret): boolean {
    return sealed.keyId !== this.activeKeyId;
  }
}

/** Key ids that appear more than once in a `TOKEN_ENCRYPTION_KEYS` value (ids only, never key material). */
export function duplicateKeyIds(keySpec: string): string[] {
  const ids = keySpec.split(',').map((part) => part.split(':')[0] ?? '');
  return [...new Set(ids.filter((id, index) => ids.indexOf(id) !== index))];
}
