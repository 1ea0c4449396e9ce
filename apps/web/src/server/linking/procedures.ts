import 'server-only';
import type { z } from 'zod';
import type { Caller } from '../auth/caller';
import { requireSignedIn } from '../auth/guards';
import { targetUser } from '../auth/target-user';
import { takeLinkStart } from '../user-limits';
import { disconnect } from './disconnect';
import { listAccounts } from './list-accounts';
import type { AccountsInput, ConnectUrlInput, DisconnectInput, SelectAccountsInput } from './schemas';
import { selectAccounts } from './select-accounts';
import { startLink } from './start-link';

/**
 * `integrations.connectUrl`: the platform's authorize URL for the signed-in user. Linking is always
 * for oneself (the consent happens in that person's browser), so neither admins nor cron may name
 * another user here.
 */
export async function connectUrl(caller: Caller, input: z.infer<typeof ConnectUrlInput>) {
  const user = requireSignedIn(caller);
  await takeLinkStart(user.uid);
  const started = await startLink(user.uid, input.providerId, { returnTo: input.returnTo });
  return { providerId: started.providerId, url: started.url, expiresAt: started.expiresAt.toISOString() };
}

export function accountsOf(caller: Caller, input: z.infer<typeof AccountsInput>) {
  return listAccounts(targetUser(caller, input.userId), input);
}

export function selectAccountsFor(caller: Caller, input: z.infer<typeof SelectAccountsInput>) {
  return selectAccounts(targetUser(caller, input.userId), input);
}

export function disconnectFor(caller: Caller, input: z.infer<typeof DisconnectInput>) {
  return disconnect(targetUser(caller, input.userId), input);
}
