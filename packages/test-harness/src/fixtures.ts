import { randomUUID } from 'node:crypto';
import { type App, getApps, initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { type Firestore, getFirestore } from 'firebase-admin/firestore';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { testProjectId } from './emulators';
import { defaultRedisUrl } from './services';

/** A unique id for test data, so test files can run in parallel against shared services. */
export function uniqueId(prefix = 'test'): string {
  return `${prefix}-${randomUUID().slice(0, 12)}`;
}

const handedOutPrefixes = new Set<string>();

/**
 * A Redis key prefix of its own for one test file (BullMQ `prefix`, limiter `keyPrefix`). Every one
 * handed out is deleted when the file ends (`vitest-setup.ts`), so the shared Redis keeps no `t-*` keys.
 */
export function uniqueRedisPrefix(label = 'test'): string {
  const prefix = `t-${label}-${randomUUID().slice(0, 8)}`;
  handedOutPrefixes.add(prefix);
  return prefix;
}

/** Deletes the keys of every prefix `uniqueRedisPrefix` handed out in this module instance (one test file). */
export async function deleteHandedOutRedisPrefixes(): Promise<number> {
  const prefixes = [...handedOutPrefixes];
  handedOutPrefixes.clear();
  let deleted = 0;
  for (const prefix of prefixes) deleted += await deleteRedisPrefix(prefix);
  return deleted;
}

/**
 * Deletes every key under `prefix` (a run's queues and limiter keys) with SCAN + UNLINK, best effort:
 * the prefix is the run's own. Returns how many keys went.
 */
export async function deleteRedisPrefix(prefix: string): Promise<number> {
  const redis = new Redis(redisUrl(), { lazyConnect: true, maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
  } catch {
    // a run that cannot reach Redis at the end leaves keys under a prefix nobody else uses
  } finally {
    redis.disconnect();
  }
  return deleted;
}

export function redisUrl(): string {
  return process.env.REDIS_URL ?? defaultRedisUrl;
}

/** A fresh ioredis client; BullMQ needs `maxRetriesPerRequest: null` on worker connections. */
export function testRedis(): Redis {
  return new Redis(redisUrl(), { maxRetriesPerRequest: null });
}

export function firebaseProjectId(): string {
  return process.env.FIREBASE_PROJECT_ID ?? testProjectId;
}

function requireEmulator(variable: 'FIRESTORE_EMULATOR_HOST' | 'FIREBASE_AUTH_EMULATOR_HOST'): string {
  const host = process.env[variable];
  if (!host)
    throw new Error(
      `${variable} is not set: run tests through the vitest global setup of @cohorts/test-harness`,
    );
  return host;
}

const testAppName = 'cohorts-test-harness';

/** The harness's own firebase-admin app (the harness does not depend on the code under test). */
export function testFirebaseApp(): App {
  return (
    getApps().find((app) => app.name === testAppName) ??
    initializeApp({ projectId: firebaseProjectId() }, testAppName)
  );
}

let firestore: Firestore | undefined;

/** The Firestore of the emulator the global setup started. */
export function testFirestore(): Firestore {
  requireEmulator('FIRESTORE_EMULATOR_HOST');
  if (!firestore) {
    firestore = getFirestore(testFirebaseApp());
    firestore.settings({ ignoreUndefinedProperties: true });
  }
  return firestore;
}

const SignUpResponseSchema = z.object({ localId: z.string(), idToken: z.string(), refreshToken: z.string() });
const SignInResponseSchema = z.object({ idToken: z.string() });

export interface TestUser {
  uid: string;
  email: string;
  idToken: string;
}

/**
 * Creates a real user in the Auth emulator and returns its ID token. `claims` are set as custom claims
 * (e.g. `{ admin: true }`) and are in the returned token.
 */
export async function createTestUser(options: { claims?: Record<string, unknown> } = {}): Promise<TestUser> {
  const host = requireEmulator('FIREBASE_AUTH_EMULATOR_HOST');
  const email = `${uniqueId('user')}@example.test`;
  const password = `pw-${randomUUID()}`;
  const base = `http://${host}/identitytoolkit.googleapis.com/v1`;
  const signUp = await fetch(`${base}/accounts:signUp?key=fake-api-key`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, returnSecureToken: true }),
  });
  if (!signUp.ok)
    throw new Error(`Auth emulator signUp failed: HTTP ${signUp.status} ${await signUp.text()}`);
  const created = SignUpResponseSchema.parse(await signUp.json());
  if (!options.claims) return { uid: created.localId, email, idToken: created.idToken };

  await getAuth(testFirebaseApp()).setCustomUserClaims(created.localId, options.claims);
  const signIn = await fetch(`${base}/accounts:signInWithPassword?key=fake-api-key`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, returnSecureToken: true }),
  });
  if (!signIn.ok)
    throw new Error(`Auth emulator signIn failed: HTTP ${signIn.status} ${await signIn.text()}`);
  return { uid: created.localId, email, idToken: SignInResponseSchema.parse(await signIn.json()).idToken };
}

/** One `keyId:base64` entry of TOKEN_ENCRYPTION_KEYS: 32 bytes of `fill`, so each test key differs. */
export function testEncryptionKey(keyId: string, fill: number): string {
  return `${keyId}:${Buffer.alloc(32, fill).toString('base64')}`;
}

/** A stored OAuth token set with an access token only (no refresh token, no expiry), granting account 1. */
export function accessOnlyTokens(accessToken: string) {
  return {
    accessToken,
    refreshToken: null,
    accessTokenExpiresAt: null,
    refreshTokenExpiresAt: null,
    scopes: [] as string[],
    grantedAccountIds: ['1'],
  };
}
