import { randomBytes } from 'node:crypto';
import type { SandboxProvider } from '../data/model';

/** What the consent page was asked for; kept server-side until the user decides. */
export interface PendingAuthorization {
  id: string;
  provider: SandboxProvider;
  clientId: string;
  redirectUri: string;
  state: string | null;
  scopes: string[];
  codeChallenge: string | null;
  codeChallengeMethod: 'S256' | 'plain' | null;
  /** Google `access_type=offline`: the code also earns a refresh token. */
  offline: boolean;
  createdAt: number;
}

export interface AuthorizationCode {
  code: string;
  pending: PendingAuthorization;
  loginId: string;
  expiresAt: number;
  usedAt: number | null;
}

/** One user's consent to one app: the durable thing tokens belong to. */
export interface Grant {
  id: string;
  provider: SandboxProvider;
  clientId: string;
  /** Meta: the app secret given at code exchange, to check `appsecret_proof` against. */
  clientSecret?: string;
  loginId: string;
  scopes: string[];
  createdAt: number;
  revokedAt: number | null;
  refreshToken: string | null;
  /** LinkedIn: fixed at consent, not moved by refreshing. */
  refreshTokenExpiresAt: number | null;
}

export interface AccessToken {
  token: string;
  grantId: string;
  issuedAt: number;
  /** Null for tokens that do not expire (TikTok). */
  expiresAt: number | null;
  /** Meta: `short` from the code, `long` from `fb_exchange_token`. */
  kind: 'access' | 'short' | 'long';
}

export type AccessCheck =
  | { status: 'ok'; grant: Grant; access: AccessToken }
  | { status: 'missing' }
  | { status: 'invalid' }
  | { status: 'expired'; grant: Grant; access: AccessToken }
  | { status: 'revoked'; grant: Grant; access: AccessToken };

export type CodeRedemption =
  | { status: 'ok'; code: AuthorizationCode }
  | { status: 'unknown' }
  | { status: 'used' | 'expired'; code: AuthorizationCode };

const PENDING_LIFETIME_MS = 60 * 60_000;

export function randomToken(bytes: number, encoding: 'base64url' | 'hex' = 'base64url'): string {
  return randomBytes(bytes).toString(encoding);
}

/** Every grant, code and token the sandbox has issued (in memory; a restart forgets them). */
export class GrantStore {
  private readonly pending = new Map<string, PendingAuthorization>();
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly grants = new Map<string, Grant>();
  private readonly accessTokens = new Map<string, AccessToken>();
  private readonly refreshTokens = new Map<string, string>();

  addPending(request: Omit<PendingAuthorization, 'id'>): PendingAuthorization {
    const pending = { ...request, id: randomToken(12) };
    this.pending.set(pending.id, pending);
    return pending;
  }

  /** The pending request, once: a consent form cannot be submitted twice. */
  takePending(id: string, now: number): PendingAuthorization | undefined {
    const pending = this.pending.get(id);
    this.pending.delete(id);
    if (!pending || now - pending.createdAt > PENDING_LIFETIME_MS) return undefined;
    return pending;
  }

  issueCode(
    pending: PendingAuthorization,
    loginId: string,
    code: string,
    expiresAt: number,
  ): AuthorizationCode {
    const record = { code, pending, loginId, expiresAt, usedAt: null };
    this.codes.set(code, record);
    return record;
  }

  /** Spends a code: the first redemption succeeds, every later one reports `used`. */
  redeemCode(provider: SandboxProvider, code: string, now: number): CodeRedemption {
    const record = this.codes.get(code);
    if (!record || record.pending.provider !== provider) return { status: 'unknown' };
    if (record.usedAt !== null) return { status: 'used', code: record };
    record.usedAt = now;
    if (now > record.expiresAt) return { status: 'expired', code: record };
    return { status: 'ok', code: record };
  }

  createGrant(grant: Omit<Grant, 'id' | 'revokedAt'>): Grant {
    const record: Grant = { ...grant, id: `grant_${randomToken(9)}`, revokedAt: null };
    this.grants.set(record.id, record);
    if (record.refreshToken) this.refreshTokens.set(record.refreshToken, record.id);
    return record;
  }

  issueAccessToken(
    grant: Grant,
    token: string,
    issuedAt: number,
    lifetimeMs: number | null,
    kind: AccessToken['kind'],
  ): AccessToken {
    const access: AccessToken = {
      token,
      grantId: grant.id,
      issuedAt,
      expiresAt: lifetimeMs === null ? null : issuedAt + lifetimeMs,
      kind,
    };
    this.accessTokens.set(token, access);
    return access;
  }

  checkAccess(provider: SandboxProvider, token: string | undefined, now: number): AccessCheck {
    if (!token) return { status: 'missing' };
    const access = this.accessTokens.get(token);
    const grant = access && this.grants.get(access.grantId);
    if (!access || !grant || grant.provider !== provider) return { status: 'invalid' };
    if (grant.revokedAt !== null) return { status: 'revoked', grant, access };
    if (access.expiresAt !== null && now >= access.expiresAt) return { status: 'expired', grant, access };
    return { status: 'ok', grant, access };
  }

  grantOfAccessToken(token: string): Grant | undefined {
    const access = this.accessTokens.get(token);
    return access && this.grants.get(access.grantId);
  }

  accessToken(token: string): AccessToken | undefined {
    return this.accessTokens.get(token);
  }

  grantOfRefreshToken(provider: SandboxProvider, refreshToken: string): Grant | undefined {
    const id = this.refreshTokens.get(refreshToken);
    const grant = id ? this.grants.get(id) : undefined;
    return grant?.provider === provider ? grant : undefined;
  }

  /** Every access and refresh token issued so far: what a leak scan looks for, verbatim. */
  issuedTokens(): string[] {
    return [...this.accessTokens.keys(), ...this.refreshTokens.keys()];
  }

  /** The grant a token (access or refresh) belongs to. */
  grantOfAnyToken(token: string): Grant | undefined {
    const id = this.accessTokens.get(token)?.grantId ?? this.refreshTokens.get(token);
    return id ? this.grants.get(id) : undefined;
  }

  revoke(grant: Grant, now: number): void {
    if (grant.revokedAt === null) grant.revokedAt = now;
  }

  list(): Array<Grant & { accessTokens: AccessToken[] }> {
    return [...this.grants.values()].map((grant) => ({
      ...grant,
      accessTokens: [...this.accessTokens.values()].filter((access) => access.grantId === grant.id),
    }));
  }

  clear(): void {
    this.pending.clear();
    this.codes.clear();
    this.grants.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
  }
}
