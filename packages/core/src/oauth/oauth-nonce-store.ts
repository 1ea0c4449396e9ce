import type { Redis } from 'ioredis';
import { z } from 'zod';
import { type ProviderId, ProviderIdSchema } from '../contract/provider-ids';

/** What the server keeps about a started link until its callback: never sent to the platform. */
export const PendingLinkSchema = z.object({
  uid: z.string().min(1),
  providerId: ProviderIdSchema,
  /** PKCE code verifier (Google); the authorize URL carries only its S256 challenge. */
  codeVerifier: z.string().nullable(),
});
export type PendingLink = z.infer<typeof PendingLinkSchema>;

/**
 * Single-use OAuth nonces in Redis: `SET NX PX` when a link starts, `GETDEL` when its callback
 * arrives, so exactly one callback can consume a state, and an unused one disappears with its
 * expiry. A Redis that lost data only makes a pending link fail ("start again"), never succeed twice.
 */
export class OAuthNonceStore {
  constructor(
    private readonly redis: Pick<Redis, 'set' | 'getdel'>,
    private readonly keyPrefix: string,
  ) {}

  private key(nonce: string): string {
    return `${this.keyPrefix}:oauth-nonce:${nonce}`;
  }

  /** Remembers a pending link; false when the nonce is already taken (a collision: make a new one). */
  async remember(nonce: string, link: PendingLink, ttlMs: number): Promise<boolean> {
    const stored = await this.redis.set(
      this.key(nonce),
      JSON.stringify(PendingLinkSchema.parse(link)),
      'PX',
      Math.max(1, Math.ceil(ttlMs)),
      'NX',
    );
    return stored === 'OK';
  }

  /** Takes the pending link out, atomically; null when it was already used, expired or never existed. */
  async consume(
    nonce: string,
    expected: { uid: string; providerId: ProviderId },
  ): Promise<PendingLink | null> {
    const raw = await this.redis.getdel(this.key(nonce));
    if (raw === null) return null;
    const parsed = PendingLinkSchema.safeParse(safeJson(raw));
    if (!parsed.success) return null;
    const link = parsed.data;
    return link.uid === expected.uid && link.providerId === expected.providerId ? link : null;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
