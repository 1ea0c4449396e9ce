import { type App, getApps, initializeApp } from 'firebase-admin/app';
import { type Firestore, getFirestore } from 'firebase-admin/firestore';

/**
 * The firebase-admin app for a project, created once per process and name. Emulator hosts come from
 * FIRESTORE_EMULATOR_HOST / FIREBASE_AUTH_EMULATOR_HOST, which firebase-admin reads itself.
 */
export function firebaseAppFor(projectId: string, name = `cohorts-${projectId}`): App {
  return getApps().find((app) => app.name === name) ?? initializeApp({ projectId }, name);
}

const configured = new WeakSet<Firestore>();

export function firestoreFor(projectId: string): Firestore {
  const db = getFirestore(firebaseAppFor(projectId));
  if (!configured.has(db)) {
    // Optional contract fields (e.g. a creative's url) may be absent; never write `undefined`.
    db.settings({ ignoreUndefinedProperties: true });
    configured.add(db);
  }
  return db;
}
