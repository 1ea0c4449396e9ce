import type { CollectionReference, Firestore } from 'firebase-admin/firestore';

/**
 * Every document of a (test-owned) Firestore project, path -> last update time and data, walked
 * through every collection and subcollection. Two equal snapshots mean nothing was written between
 * them, not even a rewrite of the same data (the update time would move).
 */
export async function firestoreSnapshot(db: Firestore): Promise<Map<string, string>> {
  const documents = new Map<string, string>();
  async function walk(collections: CollectionReference[]): Promise<void> {
    for (const collection of collections) {
      // listDocuments also returns "missing" parents that only hold subcollections.
      const refs = await collection.listDocuments();
      const snapshots = refs.length > 0 ? await db.getAll(...refs) : [];
      for (const snapshot of snapshots) {
        if (!snapshot.exists) continue;
        const updated = snapshot.updateTime?.toDate().toISOString() ?? '?';
        documents.set(snapshot.ref.path, `${updated} ${JSON.stringify(snapshot.data())}`);
      }
      for (const ref of refs) await walk(await ref.listCollections());
    }
  }
  await walk(await db.listCollections());
  return documents;
}

/** The paths that differ between two snapshots (added, removed or rewritten). */
export function changedPaths(before: Map<string, string>, after: Map<string, string>): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((path) => before.get(path) !== after.get(path)).sort();
}
