import { describe, expect, it } from 'vitest';
import { TokenVault, TokenVaultError } from './token-vault';

const key = (fill: number) => Buffer.alloc(32, fill).toString('base64');

describe('TokenVault', () => {
  it('seals and opens, never storing the plaintext', () => {
    const vault = new TokenVault(`k1:${key(1)}`);
    const sealed = vault.seal('ya29.secret-token', 'users/u/integrationCredentials/google');
    expect(JSON.stringify(sealed)).not.toContain('secret-token');
    expect(vault.open(sealed, 'users/u/integrationCredentials/google')).toBe('ya29.secret-token');
  });

  it('refuses a ciphertext moved to another place or tampered with', () => {
    const vault = new TokenVault(`k1:${key(1)}`);
    const sealed = vault.seal('token', 'users/a/integrationCredentials/google');
    expect(() => vault.open(sealed, 'users/b/integrationCredentials/google')).toThrow(TokenVaultError);
    const flipped = Buffer.from(sealed.ciphertext, 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() =>
      vault.open(
        { ...sealed, ciphertext: flipped.toString('base64') },
        'users/a/integrationCredentials/google',
      ),
    ).toThrow(TokenVaultError);
  });

  it('rotates: a new first key seals, old keys still open', () => {
    const old = new TokenVault(`k1:${key(1)}`);
    const sealed = old.seal('token', 'p');
    const rotated = new TokenVault(`k2:${key(2)},k1:${key(1)}`);
    expect(rotated.open(sealed, 'p')).toBe('token');
    expect(rotated.needsRotation(sealed)).toBe(true);
    expect(rotated.seal('token', 'p').keyId).toBe('k2');
    expect(() => new TokenVault(`k2:${key(2)}`).open(sealed, 'p')).toThrow(/k1/);
  });

  it('refuses a key id listed twice, naming the id and not the key', () => {
    const spec = `k2:${key(2)},k1:${key(1)},k1:${key(3)}`;
    expect(() => new TokenVault(spec)).toThrow(/"k1" is listed more than once/);
    expect(() => new TokenVault(spec)).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(key(3)) }),
    );
  });

  it('rejects malformed key configuration without echoing it', () => {
    expect(() => new TokenVault('k1:short')).toThrow(/32 bytes/);
    expect(() => new TokenVault('')).toThrow(TokenVaultError);
  });
});
