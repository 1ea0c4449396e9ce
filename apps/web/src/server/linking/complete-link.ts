import 'server-only';
import {
  type AdAccount,
  AdIntegrationsRepository,
  credentialIdFor,
  newAdIntegration,
  type OAuthTokenSet,
  type ProviderId,
  verifyOAuthState,
} from '@cohorts/core';
import { ProviderError } from '@cohorts/providers';
import type { LinkErrorCode } from '../../shared/link-outcomes';
import { webEnv } from '../env';
import { clock, connectors, credentialsRepository, firestore, nonceStore } from '../services';
import { linkAwaitsAccountChoice } from './account-choice';
import { startBackfill } from './backfill';

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
  const pending = await (await nonceStore()).consume(nonce, { uid, providerId });
  // A state only completes in the browser of the user who started it: signed in as that user, or
  // holding the cookie the start route set. Otherwise someone could trick a victim into linking the
  // victim's ad accounts into the attacker's tenant (or the reverse).
  const sameUser =
    binding.signedInUid !== null ? binding.signedInUid === uid : binding.bindingNonce === nonce;
  if (!sameUser) return refuse('wrong-user');
  if (!pending) return refuse('state-used');

  if (query.has('error')) return refuse('denied');
  const connector = connectors()[providerId];
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
      newAdIntegration(
        {
          userId: uid,
          providerId,
          scopes: tokens.scopes,
          adAccounts: accounts,
          accessTokenExpiresAt: tokens.accessTokenExpiresAt,
          refreshTokenExpiresAt: tokens.refreshTokenExpiresAt,
          refreshable: connector.supportsRefresh,
        },
        now,
        { existing, awaitingAccountChoice },
      ),
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
