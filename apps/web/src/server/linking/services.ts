import 'server-only';
import {
  IntegrationCredentialsRepository,
  OAuthNonceStore,
  type ProviderId,
  TokenVault,
} from '@cohorts/core';
import type { AdPlatformConnector } from '@cohorts/providers';
import { Redis } from 'ioredis';
import { webEnv } from '../env';
import { firestore, platformConnectors } from '../services';

/** Linking's server-only singletons, kept on `globalThis` so `next dev` reloads reuse them. */
interface LinkingServices {
  nonceRedis?: Redis;
  nonceStore?: OAuthNonceStore;
  credentials?: IntegrationCredentialsRepository;
}

const globalKey = Symbol.for('cohorts.web.linking');
type GlobalWithLinking = typeof globalThis & { [globalKey]?: LinkingServices };

function services(): LinkingServices {
  const holder = globalThis as GlobalWithLinking;
  holder[globalKey] ??= {};
  return holder[globalKey];
}

/** The four connectors, without the sync engine (no BullMQ connection, vault or raw payload store). */
export function connectors(): Record<ProviderId, AdPlatformConnector> {
  return platformConnectors().connectors;
}

export function nonceStore(): OAuthNonceStore {
  const s = services();
  if (!s.nonceStore) {
    const env = webEnv();
    // Its own client with the offline queue on: the first command after start waits for the connection.
    s.nonceRedis ??= new Redis(env.REDIS_URL, {
      maxRetriesPerRequest: 1,
      connectionName: 'web-oauth-nonces',
    });
    s.nonceStore = new OAuthNonceStore(s.nonceRedis, env.REDIS_PREFIX);
  }
  return s.nonceStore;
}

export function credentialsRepository(): IntegrationCredentialsRepository {
  const s = services();
  s.credentials ??= new IntegrationCredentialsRepository(
    firestore(),
    new TokenVault(webEnv().TOKEN_ENCRYPTION_KEYS),
  );
  return s.credentials;
}

/** Closes linking's Redis connections (tests, graceful shutdown). */
export async function closeLinkingServices(): Promise<void> {
  const s = services();
  s.nonceRedis?.disconnect();
  for (const key of Object.keys(s) as (keyof LinkingServices)[]) delete s[key];
}
