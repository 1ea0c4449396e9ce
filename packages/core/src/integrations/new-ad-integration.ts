import type { AdAccount, AdIntegration } from '../contract/ad-integration';
import type { ProviderId } from '../contract/provider-ids';
import { isAutoSyncOn, nextSyncDueAfter } from '../scheduling/policy';

/** What a completed OAuth link learnt: the grant's scopes and lifetimes, and the login's ad accounts. */
export interface LinkedLogin {
  userId: string;
  providerId: ProviderId;
  scopes: string[];
  adAccounts: AdAccount[];
  accessTokenExpiresAt: Date | null;
  refreshTokenExpiresAt: Date | null;
  /**
   * The platform refreshes the access token on its own: its hour-long life is not the user's
   * concern, so it is not shown (Meta's 60 days, with no refresh, are).
   */
  refreshable?: boolean;
}

export interface NewAdIntegrationOptions {
  /** The integration this link replaces (a re-link): its settings and account choice survive. */
  existing?: AdIntegration | null;
  /** The person still has to choose the ad accounts to sync: nothing is asked for until then. */
  awaitingAccountChoice?: boolean;
}

/**
 * The `adIntegrations` document after a (re-)link: fresh scopes, accounts and token lifetimes; the
 * user's automation settings and account selection survive a re-link. Tokens are never here.
 */
export function newAdIntegration(
  login: LinkedLogin,
  now: Date,
  options: NewAdIntegrationOptions = {},
): AdIntegration {
  const existing = options.existing ?? null;
  const awaitingAccountChoice = options.awaitingAccountChoice ?? false;
  const known = new Set(login.adAccounts.map((a) => a.id));
  const linked: Omit<AdIntegration, 'nextSyncDueAt'> = {
    userId: login.userId,
    providerId: login.providerId,
    accessToken: null,
    idToken: null,
    scopes: login.scopes,
    linkedAt: now,
    // 'never': no sync asked for until the accounts are chosen.
    lastSyncStatus: awaitingAccountChoice ? 'never' : 'pending',
    lastSyncedAt: existing?.lastSyncedAt ?? null,
    lastSyncRequestedAt: existing?.lastSyncRequestedAt ?? null,
    lastSyncMessage: null,
    autoSyncEnabled: existing?.autoSyncEnabled ?? null,
    syncFrequencyMinutes: existing?.syncFrequencyMinutes ?? null,
    scheduledTimeframeDays: existing?.scheduledTimeframeDays ?? null,
    accessTokenExpiresAt: login.refreshable ? null : login.accessTokenExpiresAt,
    refreshTokenExpiresAt: login.refreshTokenExpiresAt,
    reconnectRequired: false,
    adAccounts: login.adAccounts,
    selectedAccountIds: (existing?.selectedAccountIds ?? []).filter((id) => known.has(id)),
    // Kept so the one-live-job rule still sees a sync already under way.
    liveSyncJobId: existing?.liveSyncJobId ?? null,
    ...(awaitingAccountChoice && { accountChoicePending: true }),
  };
  // The backfill covers up to yesterday; the scheduler looks again one cadence later, by its own rule
  // (the integration's frequency, or its nightly slot).
  const scheduled = isAutoSyncOn(linked) && !awaitingAccountChoice;
  return { ...linked, nextSyncDueAt: scheduled ? nextSyncDueAfter(linked, now) : null };
}
