import type {
  AdAccount,
  IsoDate,
  NormalizedMetricRecord,
  OAuthTokenSet,
  ProviderId,
} from '@cohorts/core/contract';
import type { ProviderError } from './http/provider-error';

/** An OAuth app's settings for one platform (from validated env). */
export interface OAuthAppConfig {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** Scopes to request; each connector has sensible reporting defaults. */
  scopes?: string[];
  /** Google Ads only. */
  developerToken?: string;
}

/** The start of an OAuth grant: where to send the user, and the PKCE verifier to keep (if any). */
export interface AuthorizeRequest {
  /** Signed, user-bound, single-use state made by the web app. */
  state: string;
  /**
   * PKCE code verifier (43-128 chars, see `createCodeVerifier`). Connectors whose platform supports
   * PKCE for this flow (`supportsPkce`) require it and send its S256 challenge; others ignore it.
   */
  codeVerifier?: string;
}

/** What a sync needs to call the platform for one user's integration. */
export interface CredentialContext {
  /** Rate-limit key: one 10 req/s budget per credential, shared by every process. */
  credentialId: string;
  tokens: OAuthTokenSet;
  signal?: AbortSignal;
}

/** One account's account-local date window (both ends included). */
export interface AccountWindow {
  account: AdAccount;
  start: IsoDate;
  end: IsoDate;
}

export interface MetricsFetchRequest {
  windows: AccountWindow[];
  signal?: AbortSignal;
  /** Called after each account (and each page/chunk) so the job can report progress. */
  onProgress?: (progress: { accountId: string; daysDone: number; daysTotal: number }) => void;
}

/** A raw platform response kept for `rawPayloadRef` (redacted: tokens never included). */
export interface RawResponse {
  accountId: string;
  /** What was asked, in words and without secrets, e.g. "insights act_1 2026-01-01..2026-01-31". */
  request: string;
  body: unknown;
}

export type AccountMetricsResult =
  | {
      accountId: string;
      ok: true;
      records: NormalizedMetricRecord[];
      raw: RawResponse[];
      /** Non-fatal problems (e.g. creatives could not be read), safe to show a user. */
      warnings: string[];
    }
  | { accountId: string; ok: false; error: ProviderError };

/**
 * One connector per ad platform. Every method calls the platform's real endpoints (or the sandbox,
 * which speaks the same wire format) through the shared HTTP layer: per-credential rate limit,
 * backoff, timeouts, zod-validated responses, classified `ProviderError`s.
 */
export interface AdPlatformConnector {
  readonly providerId: ProviderId;
  /** False when the server has no OAuth app for the platform; every call then fails `permanent`. */
  readonly isConfigured: boolean;
  /** True when the platform issues refresh tokens (Google, LinkedIn). */
  readonly supportsRefresh: boolean;
  /** True when the authorize URL carries a PKCE challenge (Google). */
  readonly supportsPkce: boolean;
  /** The query parameter of the OAuth callback that carries the code (`code`; TikTok: `auth_code`). */
  readonly callbackCodeParam: string;

  buildAuthorizeUrl(request: AuthorizeRequest): string;
  /** Trades the callback's code for tokens (Meta: short-lived, then exchanged for a ~60-day token). */
  exchangeCode(params: {
    code: string;
    codeVerifier?: string;
    credentialId: string;
    signal?: AbortSignal;
  }): Promise<OAuthTokenSet>;
  /** Returns fresh tokens; throws a ProviderError of kind `auth` when the grant is dead or cannot refresh. */
  refresh(credential: CredentialContext): Promise<OAuthTokenSet>;
  /** The ad accounts the login can see (managers flagged, with currency, time zone and status). */
  listAdAccounts(credential: CredentialContext): Promise<AdAccount[]>;
  /**
   * Daily campaign metrics and creatives for each account window. One failing account never fails
   * the others: each account has its own result. Throws only for what concerns the whole credential:
   * `auth` (refresh once, else reconnect) and `quota-exhausted` (park the job until `resetsAt`).
   */
  fetchDailyMetrics(
    credential: CredentialContext,
    request: MetricsFetchRequest,
  ): Promise<AccountMetricsResult[]>;
  /** Revokes the grant at the platform. */
  revoke(credential: CredentialContext): Promise<void>;
}
