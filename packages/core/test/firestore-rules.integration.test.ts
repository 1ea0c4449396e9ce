import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { writeReliabilityResult } from '@cohorts/test-harness/reliability';
import {
  assertFails,
  assertSucceeds,
  initializeTestEnvironment,
  type RulesTestEnvironment,
} from '@firebase/rules-unit-testing';
import {
  collection,
  deleteDoc,
  doc,
  getDoc,
  getDocs,
  setDoc,
  setLogLevel,
  updateDoc,
} from 'firebase/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collections } from '../src/firestore/paths';

/**
 * firestore.rules with the client SDK against the emulator, as a table: every collection of the
 * contract (and one outside it) x who asks (the owner, another user, an anonymous client, an admin by
 * custom claim) x what they do (get, list, create, update, delete). Clients may read their own tenant
 * tree and write nothing (the server owns every write); secrets are readable by no one.
 * `RELIABILITY_SIZE=full` (pnpm test:rules) writes reliability/results/rules-full.json.
 */
// A project of its own: rules are loaded per project, and clearing data here touches no other test.
const projectId = `demo-rules-${process.pid}`;
let env: RulesTestEnvironment;

type Actor = 'owner' | 'otherUser' | 'anonymous' | 'adminClaim';
type Operation = 'get' | 'list' | 'create' | 'update' | 'delete';
type Verdict = 'allow' | 'deny';
/** The client SDK's Firestore as the rules test environment hands it out. */
type ClientDb = ReturnType<ReturnType<RulesTestEnvironment['unauthenticatedContext']>['firestore']>;

interface CollectionCase {
  name: string;
  /** An existing document of Alice's (or outside the tree), and its collection. */
  document: string;
  collection: string;
  /** A document id that does not exist yet, for create. */
  fresh: string;
  ownerReads: boolean;
}

const alice = 'alice';
const cases: CollectionCase[] = [
  {
    name: collections.users,
    document: `users/${alice}`,
    collection: 'users',
    fresh: 'users/newcomer',
    ownerReads: true,
  },
  ...(['adIntegrations', 'syncJobs', 'adMetrics'] as const).map((name) => ({
    name: collections[name],
    document: `users/${alice}/${collections[name]}/d1`,
    collection: `users/${alice}/${collections[name]}`,
    fresh: `users/${alice}/${collections[name]}/d2`,
    ownerReads: true,
  })),
  {
    name: collections.integrationCredentials,
    document: `users/${alice}/${collections.integrationCredentials}/google`,
    collection: `users/${alice}/${collections.integrationCredentials}`,
    fresh: `users/${alice}/${collections.integrationCredentials}/meta`,
    ownerReads: false,
  },
  {
    name: 'outside the tree',
    document: 'anything/else',
    collection: 'anything',
    fresh: 'anything/new',
    ownerReads: false,
  },
];

const actors: Actor[] = ['owner', 'otherUser', 'anonymous', 'adminClaim'];
const operations: Operation[] = ['get', 'list', 'create', 'update', 'delete'];

/** The policy: only the owner reads, and only where the collection lets owners read; nobody writes. */
function expected(c: CollectionCase, actor: Actor, operation: Operation): Verdict {
  const isRead = operation === 'get' || operation === 'list';
  // The users collection itself cannot be listed: the owner's rule is per document.
  if (operation === 'list' && c.name === collections.users) return 'deny';
  return isRead && actor === 'owner' && c.ownerReads ? 'allow' : 'deny';
}

function dbOf(actor: Actor): ClientDb {
  switch (actor) {
    case 'owner':
      return env.authenticatedContext(alice).firestore();
    case 'otherUser':
      return env.authenticatedContext('mallory').firestore();
    case 'anonymous':
      return env.unauthenticatedContext().firestore();
    case 'adminClaim':
      return env.authenticatedContext('root', { admin: true }).firestore();
  }
}

function attempt(db: ClientDb, c: CollectionCase, operation: Operation): Promise<unknown> {
  switch (operation) {
    case 'get':
      return getDoc(doc(db, c.document));
    case 'list':
      return getDocs(collection(db, c.collection));
    case 'create':
      return setDoc(doc(db, c.fresh), { written: 'by a client' });
    case 'update':
      return updateDoc(doc(db, c.document), { written: 'by a client' });
    case 'delete':
      return deleteDoc(doc(db, c.document));
  }
}

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
    for (const c of cases) await setDoc(doc(db, c.document), { seeded: true });
  });
});

const outcomes: { cell: string; pass: boolean }[] = [];

afterAll(async () => {
  await env?.cleanup();
  const size = process.env.RELIABILITY_SIZE === 'full' ? 'full' : 'ci';
  const passed = outcomes.filter((o) => o.pass).length;
  writeReliabilityResult(fileURLToPath(new URL('../../../reliability/results/', import.meta.url)), {
    suite: 'rules',
    size,
    generatedAt: new Date().toISOString(),
    command: size === 'full' ? 'pnpm test:rules' : 'pnpm test',
    rows: [
      {
        name: 'rules cells (collection x caller x operation)',
        value: outcomes.length,
        target: `${cases.length * actors.length * operations.length}`,
        pass: outcomes.length === cases.length * actors.length * operations.length,
      },
      {
        name: 'cells as expected',
        value: passed,
        target: `${outcomes.length}`,
        pass: passed === outcomes.length,
      },
    ],
  });
});

describe('firestore.rules (client SDK, Firestore emulator)', () => {
  it.each(cases)('$name', async (c) => {
    const wrong: string[] = [];
    for (const actor of actors) {
      for (const operation of operations) {
        const verdict = expected(c, actor, operation);
        const db = dbOf(actor);
        let pass = true;
        try {
          if (verdict === 'allow') await assertSucceeds(attempt(db, c, operation));
          else await assertFails(attempt(db, c, operation));
        } catch {
          pass = false;
          wrong.push(`${actor} ${operation}: expected ${verdict}`);
        }
        outcomes.push({ cell: `${c.name} ${actor} ${operation}`, pass });
      }
    }
    expect(wrong).toEqual([]);
  });
});
