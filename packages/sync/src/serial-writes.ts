/**
 * Runs the writes to one job document one after another. Lease renewal, progress and the ending
 * are each a Firestore transaction on the same document; run at once by one process they contend
 * for its lock (the emulator deadlocks them until "Transaction lock timeout"), which under load
 * failed syncs that had done their work.
 */
export function keyedSerialQueue() {
  const tails = new Map<string, Promise<unknown>>();
  return function serially<T>(key: string, task: () => Promise<T>): Promise<T> {
    const run = (tails.get(key) ?? Promise.resolve()).then(task, task);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    tails.set(key, tail);
    // Forget the key once nothing more is queued behind this write.
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}
