import 'server-only';
import {
  type AdAccount,
  type AdIntegration,
  AdIntegrationsRepository,
  credentialIdFor,
  IntegrationNotFoundError,
  initialBackfillDays,
  isAutoSyncOn,
  isLiveSyncJobStatus,
  newOAuthNonce,
  nextSyncDueAfter,
  type OAuthTokenSet,
  oauthStateLifetimeMs,
  type ProviderId,
  providerDisplayNames,
  providerOAuthVariables,
  SyncJobsRepository,
  signOAuthState,
  verifyOAuthState,
} from '@cohorts/core';
import { createCodeVerifier, ProviderError } from '@cohorts/providers';
import { canReport } from '@cohorts/sync';
import type { z } from 'zod';
import type { LinkErrorCode } from '../../shared/link-outcomes';
import { webEnv } from '../env';
import { ConflictError } from '../errors';
import { InputError } from '../http/validation';
import { clock, firestore, syncJobService, syncQueue } from '../services';
import { addedAccountIds, isAwaitingAccountChoice, linkAwaitsAccountChoice } from './account-choice';
import { sameSiteReturnPath } from './return-to';
import type { AccountsInput, DisconnectInput, SelectAccountsInput } from './schemas';
import { connectors, credentialsRepository, nonceStore } from './services';

export class ProviderNotConfiguredError extends ConflictError {
  constructor(readonly providerId: ProviderId) {
    super(
      `${providerDisplayNames[providerId]} is not configured on this server: set ${providerOAuthVariables[providerId].join(', ')}`,
    );
    this.name = 'ProviderNotConfiguredError';
  }
}

export interface StartedLink {
  providerId: ProviderId;
  /** The platform's authorize URL (state signed and bound to the user; PKCE challenge for Google). */
  url: string;
  /** The single-use nonce inside the state; the start route also binds it to the browser (cookie). */
  nonce: string;
  expiresAt: Date;
}

/** Starts an OAuth link for `userId`: a signed state, its nonce (and PKCE verifier) kept server-side. */
export async function startLink(
  userId: string,
  providerId: ProviderId,
  options: { returnTo?: string | undefined; now?: Date } = {},
): Promise<StartedLink> {
  const returnTo =
    options.returnTo === undefined ? undefined : sameSiteReturnPath(options.returnTo, webEnv().APP_BASE_URL);
  if (returnTo === null) throw InputError.of('returnTo', 'must be a path on this site, such as /');
  const connector = (await connectors())[providerId];
  if (!connector.isConfigured) throw new ProviderNotConfiguredError(providerId);
  const now = options.now ?? clock().now();
  const nonce = newOAuthNonce();
  const codeVerifier = connector.supportsPkce ? createCodeVerifier() : null;
  const { state, payload } = signOAuthState(webEnv().OAUTH_STATE_SECRET, {
    uid: userId,
    providerId,
    nonce,
    now,
    ...(returnTo !== undefined && { returnTo }),
  });
  const remembered = await nonceStore().remember(
    nonce,
    { uid: userId, providerId, codeVerifier },
    oauthStateLifetimeMs,
  );
  // 192 random bits do not collide; if Redis says otherwise, refuse rather than share a nonce.
  if (!remembered) throw new Error('OAuth nonce collision');
  const url = connector.buildAuthorizeUrl({ state, ...(codeVerifier && { codeVerifier }) });
  return { providerId, url, nonce, expiresAt: new Date(payload.expiresAt) };
}

/** Who the callback's browser is: its signed-in user (if any) and the nonce its start set in a cookie. */
export interface CallbackBinding {
  signedInUid: string | null;
  bindingNonce: string | null;
}

export type LinkOutcome =
  | {
      ok: true;
      providerId: ProviderId;
      returnTo: string;
      userId: string;
      /** The backfill; null while the person still has to choose the accounts to sync. */
      jobId: string | null;
      accounts: number;
      awaitingAccountChoice: boolean;
    }
  | { ok: false; providerId: ProviderId; code: LinkErrorCode; detail?: string };

/**
 * The OAuth callback: verify the state (signature, platform, expiry), consume its nonce (single
 * use, whatever the outcome), check it belongs to this browser's user, then exchange the code, list the ad accounts,
 * and only then store: the tokens encrypted, the integration, the 90-day backfill job (or, when
 * the login has several accounts to choose from, nothing yet: the choice starts it; see
 * account-choice.ts). Any refusal or platform failure stores nothing.
 */
export async function completeLink(
  providerId: ProviderId,
  query: URLSearchParams,
  binding: CallbackBinding,
  now = clock().now(),
): Promise<LinkOutcome> {
  const refuse = (code: LinkErrorCode, detail?: string): LinkOutcome => ({
    ok: false,
    providerId,
    code,
    ...(detail !== undefined && { detail }),
  });

  const check = verifyOAuthState(webEnv().OAUTH_STATE_SECRET, query.get('state'), { providerId, now });
  if (!check.ok) {
    if (check.problem === 'missing') return refuse(query.has('error') ? 'denied' : 'state-missing');
    if (check.problem === 'expired') return refuse('state-expired');
    return refuse('state-invalid');
  }
  const { uid, nonce, returnTo } = check.payload;
  // Spent before anything else, so a signed state works once whatever happens next: one that reached
  // the wrong browser cannot be replayed on others for the rest of its ten minutes.
  const pending = await nonceStore().consume(nonce, { uid, providerId });
  // A state only completes in the browser of the user who started it: signed in as that user, or
  // holding the cookie the start route set. Otherwise someone could trick a victim into linking the
  // victim's ad accounts into the attacker's tenant (or the reverse).
  const sameUser =
    binding.signedInUid !== null ? binding.signedInUid === uid : binding.bindingNonce === nonce;
  if (!sameUser) return refuse('wrong-user');
  if (!pending) return refuse('state-used');

  if (query.has('error')) return refuse('denied');
  const connector = (await connectors())[providerId];
  if (!connector.isConfigured) return refuse('not-configured');
  const code = query.get(connector.callbackCodeParam);
  if (!code) return refuse('missing-code');

  const credentialId = credentialIdFor(uid, providerId);
  let tokens: OAuthTokenSet;
  let accounts: AdAccount[];
  try {
    tokens = await connector.exchangeCode({
      code,
      credentialId,
      ...(pending.codeVerifier && { codeVerifier: pending.codeVerifier }),
    });
    accounts = await connector.listAdAccounts({ credentialId, tokens });
  } catch (error) {
    if (error instanceof ProviderError) {
      console.warn(`OAuth callback for ${providerId}: the platform failed`, error.toJSON());
      return refuse('platform-error', error.message);
    }
    throw error;
  }

  const db = firestore();
  const integrations = new AdIntegrationsRepository(db);
  const credentials = credentialsRepository();
  const existing = await integrations.get(uid, providerId);
  const awaitingAccountChoice = linkAwaitsAccountChoice(accounts, existing);
  await credentials.save(uid, providerId, tokens, now);
  try {
    await integrations.save(
      linkedIntegration(uid, providerId, tokens, accounts, existing, connector.supportsRefresh, now, {
        awaitingAccountChoice,
      }),
    );
  } catch (error) {
    // Half a link is no link: take the credential back out.
    await credentials.delete(uid, providerId).catch(() => undefined);
    throw error;
  }
  const base = { ok: true as const, providerId, returnTo, userId: uid, accounts: accounts.length };
  if (awaitingAccountChoice) return { ...base, jobId: null, awaitingAccountChoice };
  const enqueued = await startBackfill(uid, providerId);
  return { ...base, jobId: enqueued.job.id, awaitingAccountChoice };
}

/** The 90-day backfill. Forced: a queued scheduled sync gives way; a running sync is left to finish. */
function startBackfill(userId: string, providerId: ProviderId) {
  return syncJobService().enqueue(userId, providerId, 'initial-backfill', initialBackfillDays, {
    force: true,
  });
}

/**
 * The integration document after a (re-)link: fresh scopes, accounts and token lifetimes; the
 * user's automation settings and account selection survive a re-link. Tokens are never here.
 */
function linkedIntegration(
  userId: string,
  providerId: ProviderId,
  tokens: OAuthTokenSet,
  accounts: AdAccount[],
  existing: AdIntegration | null,
  refreshable: boolean,
  now: Date,
  options: { awaitingAccountChoice: boolean } = { awaitingAccountChoice: false },
): AdIntegration {
  const known = new Set(accounts.map((a) => a.id));
  const autoSyncEnabled = existing?.autoSyncEnabled ?? null;
  const linked: Omit<AdIntegration, 'nextSyncDueAt'> = {
    userId,
    providerId,
    accessToken: null,
    idToken: null,
    scopes: tokens.scopes,
    linkedAt: now,
    // 'never': no sync asked for until the accounts are chosen.
    lastSyncStatus: options.awaitingAccountChoice ? 'never' : 'pending',
    lastSyncedAt: existing?.lastSyncedAt ?? null,
    lastSyncRequestedAt: existing?.lastSyncRequestedAt ?? null,
    lastSyncMessage: null,
    autoSyncEnabled,
    syncFrequencyMinutes: existing?.syncFrequencyMinutes ?? null,
    scheduledTimeframeDays: existing?.scheduledTimeframeDays ?? null,
    // A refreshable access token's hour-long life is not the user's concern; Meta's 60 days are.
    accessTokenExpiresAt: refreshable ? null : tokens.accessTokenExpiresAt,
    refreshTokenExpiresAt: tokens.refreshTokenExpiresAt,
    reconnectRequired: false,
    adAccounts: accounts,
    selectedAccountIds: (existing?.selectedAccountIds ?? []).filter((id) => known.has(id)),
    // Kept so the one-live-job rule still sees a sync already under way.
    liveSyncJobId: existing?.liveSyncJobId ?? null,
    ...(options.awaitingAccountChoice && { accountChoicePending: true }),
  };
  // The backfill covers up to yesterday; the scheduler looks again one cadence later, by its own rule
  // (the integration's frequency, or its nightly slot).
  const scheduled = isAutoSyncOn(linked) && !options.awaitingAccountChoice;
  return { ...linked, nextSyncDueAt: scheduled ? nextSyncDueAfter(linked, now) : null };
}

async function requireIntegration(userId: string, providerId: ProviderId): Promise<AdIntegration> {
  const integration = await new AdIntegrationsRepository(firestore()).get(userId, providerId);
  if (!integration) throw new IntegrationNotFoundError(userId, providerId);
  return integration;
}

/** The ad accounts a linked login can see, and which of them are synced. */
export async function listAccounts(userId: string, input: z.infer<typeof AccountsInput>) {
  const integration = await requireIntegration(userId, input.providerId);
  return accountsView(integration);
}

function accountsView(integration: AdIntegration) {
  return {
    providerId: integration.providerId,
    /** `reportable: false`: the platform reports nothing for it (closed or suspended), so syncs skip it. */
    accounts: integration.adAccounts.map((account) => ({
      ...account,
      reportable: canReport(integration.providerId, account),
    })),
    selectedAccountIds: integration.selectedAccountIds,
    /** An empty selection syncs every non-manager account of the login. */
    syncsAllAccounts: integration.selectedAccountIds.length === 0,
    /** Linked, and waiting for this choice before its first sync. */
    awaitingAccountChoice: isAwaitingAccountChoice(integration),
  };
}

/**
 * Chooses which accounts to sync; every id must be a non-manager account of this login. The first
 * choice after linking starts the 90-day backfill; a later one that adds accounts starts one too, so
 * the added accounts get their history (accounts left out keep the numbers already stored).
 */
export async function selectAccounts(
  userId: string,
  input: z.infer<typeof SelectAccountsInput>,
  now = clock().now(),
) {
  const repository = new AdIntegrationsRepository(firestore());
  const integration = await requireIntegration(userId, input.providerId);
  const byId = new Map(integration.adAccounts.map((a) => [a.id, a]));
  const problems = input.accountIds.flatMap((id, index) => {
    const account = byId.get(id);
    const field = `accountIds.${index}`;
    if (!account) {
      return [
        {
          field,
          problem: `"${id}" is not an ad account of this ${providerDisplayNames[input.providerId]} login (its accounts: ${[...byId.keys()].join(', ') || 'none'})`,
        },
      ];
    }
    if (account.isManager) {
      return [{ field, problem: `"${id}" is a manager account, which has no metrics of its own` }];
    }
    return [];
  });
  if (problems.length > 0) throw new InputError(problems);
  const selectedAccountIds = [...new Set(input.accountIds)];
  const firstChoice = isAwaitingAccountChoice(integration);
  const added = addedAccountIds(integration.adAccounts, integration.selectedAccountIds, selectedAccountIds);
  const chosen: AdIntegration = {
    ...integration,
    selectedAccountIds,
    ...(firstChoice && { lastSyncStatus: 'pending' as const, accountChoicePending: false }),
  };
  await repository.ref(userId, input.providerId).update(
    firstChoice
      ? {
          selectedAccountIds,
          lastSyncStatus: 'pending',
          accountChoicePending: false,
          // The scheduler looks again one cadence after this backfill, as after any link.
          nextSyncDueAt: isAutoSyncOn(chosen) ? nextSyncDueAfter(chosen, now) : null,
        }
      : { selectedAccountIds },
  );
  const backfill = firstChoice || added.length > 0 ? await startBackfill(userId, input.providerId) : null;
  return {
    ...accountsView(chosen),
    backfill: backfill ? { jobId: backfill.job.id, created: backfill.created } : null,
  };
}

type RevokeStatus = 'revoked' | 'failed' | 'no-credential';

/**
 * Unlinks a platform: revoke the grant at the platform (where it can), delete the encrypted
 * credential and the integration; sync jobs and metrics stay as history. A queued sync is
 * cancelled; a running one fails on its own when it next needs the credential.
 */
export async function disconnect(
  userId: string,
  input: z.infer<typeof DisconnectInput>,
  now = clock().now(),
) {
  const { providerId } = input;
  const db = firestore();
  const integrations = new AdIntegrationsRepository(db);
  const credentials = credentialsRepository();
  const [integration, tokens] = await Promise.all([
    integrations.get(userId, providerId),
    credentials.load(userId, providerId),
  ]);
  if (!integration && !tokens) throw new IntegrationNotFoundError(userId, providerId);

  let revoke: { status: RevokeStatus; message: string };
  if (!tokens) {
    revoke = { status: 'no-credential', message: 'no stored grant to revoke' };
  } else {
    try {
      await (await connectors())[providerId].revoke({
        credentialId: credentialIdFor(userId, providerId),
        tokens,
      });
      revoke = { status: 'revoked', message: `access was revoked at ${providerDisplayNames[providerId]}` };
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      revoke = {
        status: 'failed',
        message: `${providerDisplayNames[providerId]} did not confirm the revocation (${error.message}); remove the app's access in the platform's settings to be sure`,
      };
    }
  }
  await credentials.delete(userId, providerId);
  const cancelledJobId = integration?.liveSyncJobId
    ? await cancelQueuedJob(userId, integration.liveSyncJobId, now)
    : null;
  await integrations.delete(userId, providerId);
  return {
    providerId,
    disconnected: true,
    revoke,
    credentialDeleted: true,
    cancelledJobId,
    historyKept: true,
    message: `${providerDisplayNames[providerId]} is disconnected: ${revoke.message}; stored tokens were deleted; past sync jobs and metrics are kept.`,
  };
}

async function cancelQueuedJob(userId: string, jobId: string, now: Date): Promise<string | null> {
  const jobs = new SyncJobsRepository(firestore());
  const job = await jobs.get(userId, jobId);
  if (!job || !isLiveSyncJobStatus(job.status) || job.status !== 'queued') return null;
  await jobs.fail(userId, jobId, null, now, 'cancelled: the integration was disconnected');
  await syncQueue()
    .remove(jobId)
    .catch(() => undefined);
  return jobId;
}
