import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  assertFails,
  assertSucceeds,
  initializeTestEnvironment,
  type RulesTestEnvironment,
} from '@firebase/rules-unit-testing';
import { doc, getDoc, setDoc, setLogLevel, updateDoc } from 'firebase/firestore';
import { afterAll, beforeAll, describe, it } from 'vitest';

// A project of its own: rules are loaded per project, and clearing data here touches no other test.
const projectId = `demo-rules-${process.pid}`;
let env: RulesTestEnvironment;

beforeAll(async () => {
  // Denied writes are the point of these tests; the SDK would log each one as an error.
  setLogLevel('silent');
  const [host, port] = (process.env.FIRESTORE_EMULATOR_HOST ?? '').split(':');
  env = await initializeTestEnvironment({
    projectId,
    firestore: {
      host,
      port: Number(port),
      rules: readFileSync(fileURLToPath(new URL('../../../firestore.rules', import.meta.url)), 'utf8'),
    },
  });
  await env.withSecurityRulesDisabled(async (context) => {
    const db = context.firestore();
    await setDoc(doc(db, 'users/alice'), { name: 'Alice' });
    await setDoc(doc(db, 'users/alice/adIntegrations/google'), {
      providerId: 'google',
      autoSyncEnabled: true,
    });
    await setDoc(doc(db, 'users/alice/syncJobs/j1'), { status: 'queued' });
    await setDoc(doc(db, 'users/alice/adMetrics/2026-11-01_google'), { spend: 1 });
    await setDoc(doc(db, 'users/alice/integrationCredentials/google'), { ciphertext: 'x' });
  });
});

afterAll(async () => {
  await env?.cleanup();
});

const tenantPaths = [
  'users/alice',
  'users/alice/adIntegrations/google',
  'users/alice/syncJobs/j1',
  'users/alice/adMetrics/2026-11-01_google',
];

describe('firestore.rules (Firestore emulator)', () => {
  it('lets a signed-in user read their own tree, live data included', async () => {
    const db = env.authenticatedContext('alice').firestore();
    for (const path of tenantPaths) await assertSucceeds(getDoc(doc(db, path)));
  });

  it('denies another user and anonymous callers every document of the tree', async () => {
    const mallory = env.authenticatedContext('mallory').firestore();
    const anonymous = env.unauthenticatedContext().firestore();
    for (const path of tenantPaths) {
      await assertFails(getDoc(doc(mallory, path)));
      await assertFails(getDoc(doc(anonymous, path)));
    }
  });

  it('denies admins-by-claim too: data access is by ownership, not by role', async () => {
    const admin = env.authenticatedContext('root', { admin: true }).firestore();
    await assertFails(getDoc(doc(admin, 'users/alice/adMetrics/2026-11-01_google')));
  });

  it('denies the owner every write to what the workers own', async () => {
    const db = env.authenticatedContext('alice').firestore();
    await assertFails(setDoc(doc(db, 'users/alice/syncJobs/j2'), { status: 'queued' }));
    await assertFails(updateDoc(doc(db, 'users/alice/syncJobs/j1'), { status: 'success' }));
    await assertFails(setDoc(doc(db, 'users/alice/adMetrics/2026-11-02_google'), { spend: 999 }));
    await assertFails(updateDoc(doc(db, 'users/alice/adIntegrations/google'), { autoSyncEnabled: false }));
    await assertFails(setDoc(doc(db, 'users/alice'), { name: 'Eve' }));
  });

  it('keeps secrets from everyone, their owner included', async () => {
    const db = env.authenticatedContext('alice').firestore();
    await assertFails(getDoc(doc(db, 'users/alice/integrationCredentials/google')));
    await assertFails(setDoc(doc(db, 'users/alice/integrationCredentials/google'), { ciphertext: 'y' }));
  });

  it('denies everything outside the tenant tree', async () => {
    const db = env.authenticatedContext('alice').firestore();
    await assertFails(getDoc(doc(db, 'anything/else')));
    await assertFails(setDoc(doc(db, 'anything/else'), { a: 1 }));
  });
});
