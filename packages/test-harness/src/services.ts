import { Redis } from 'ioredis';
import { type RunningService, startAuthEmulator, startFirestoreEmulator, testProjectId } from './emulators';

export const defaultRedisUrl = 'redis://127.0.0.1:6379';

/** Fails with a clear message when Redis does not answer PING. */
export async function assertRedisAnswers(url = process.env.REDIS_URL ?? defaultRedisUrl): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  try {
    await redis.connect();
    const pong = await redis.ping();
    if (pong !== 'PONG') throw new Error(`unexpected answer ${pong}`);
  } catch (error) {
    throw new Error(
      `Redis at ${url} does not answer (${(error as Error).message}). Start one (redis-server) or set REDIS_URL.`,
    );
  } finally {
    redis.disconnect();
  }
}

/**
 * Makes sure every service the tests need is reachable: uses the one an env var points at, otherwise
 * starts it, and sets the env var for the processes that come after. Returns a function stopping
 * whatever was started here.
 */
export async function ensureTestServices(
  ports: { firestore?: number; auth?: number } = {},
): Promise<() => Promise<void>> {
  process.env.FIREBASE_PROJECT_ID ??= testProjectId;
  process.env.GCLOUD_PROJECT ??= process.env.FIREBASE_PROJECT_ID;
  process.env.REDIS_URL ??= defaultRedisUrl;
  // No GCE metadata server here; without this firebase-admin probes for one and warns.
  process.env.METADATA_SERVER_DETECTION ??= 'none';
  const started: RunningService[] = [];
  try {
    const [firestore, auth] = await Promise.all([
      process.env.FIRESTORE_EMULATOR_HOST ? null : startFirestoreEmulator({ port: ports.firestore }),
      process.env.FIREBASE_AUTH_EMULATOR_HOST ? null : startAuthEmulator({ port: ports.auth }),
      assertRedisAnswers(),
    ]);
    if (firestore) {
      started.push(firestore);
      process.env.FIRESTORE_EMULATOR_HOST = firestore.host;
    }
    if (auth) {
      started.push(auth);
      process.env.FIREBASE_AUTH_EMULATOR_HOST = auth.host;
    }
  } catch (error) {
    await Promise.all(started.map((service) => service.stop()));
    throw error;
  }
  return async () => {
    await Promise.all(started.map((service) => service.stop()));
  };
}
