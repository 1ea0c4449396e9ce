import { ensureTestServices } from './services';

/** Vitest global setup: real Firestore and Auth emulators and a real Redis for every test file. */
export default async function setup(): Promise<() => Promise<void>> {
  return ensureTestServices();
}
