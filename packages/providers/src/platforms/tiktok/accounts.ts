import type { AdAccount } from '@cohorts/core/contract';
import type { CredentialContext } from '../../connector';
import { type PlatformDeps, requireApp } from '../shared/platform-deps';
import { tiktokGet } from './api';
import { tiktokConfig } from './config';
import { tiktokAdAccount } from './normalize';
import { TikTokAdvertiserInfoResponseSchema, TikTokAuthorizedAdvertisersSchema } from './schemas';

/**
 * The advertisers the token can reach now (`oauth2/advertiser/get`, which may differ from the
 * `advertiser_ids` of the original grant), with currency, time zone and status from `advertiser/info`.
 */
export async function listTikTokAdAccounts(
  deps: PlatformDeps,
  credential: CredentialContext,
): Promise<AdAccount[]> {
  const app = requireApp('tiktok', deps.app);
  const authorized = await tiktokGet(
    deps,
    { credential, label: 'authorized advertisers' },
    {
      path: 'oauth2/advertiser/get/',
      params: { app_id: app.clientId, secret: app.clientSecret },
      schema: TikTokAuthorizedAdvertisersSchema,
    },
  );
  const ids = authorized.data.data.list.map((advertiser) => String(advertiser.advertiser_id));
  const accounts: AdAccount[] = [];
  for (let i = 0; i < ids.length; i += tiktokConfig.maxAdvertisersPerInfo) {
    const info = await tiktokGet(
      deps,
      { credential, label: 'advertiser info' },
      {
        path: 'advertiser/info/',
        params: {
          advertiser_ids: ids.slice(i, i + tiktokConfig.maxAdvertisersPerInfo),
          fields: ['advertiser_id', 'name', 'currency', 'timezone', 'display_timezone', 'status'],
        },
        schema: TikTokAdvertiserInfoResponseSchema,
      },
    );
    for (const advertiser of info.data.data.list) {
      const account = tiktokAdAccount(advertiser);
      if (account) accounts.push(account);
    }
  }
  return accounts;
}
